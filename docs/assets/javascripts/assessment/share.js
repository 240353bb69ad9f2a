/* Self-assessment, share links: the answers in the URL fragment (never sent to a server).
 *
 * The fragment is "z." + base64url(deflate-raw(JSON)), compressed with the browser's
 * CompressionStream: a full assessment with notes fits in a few KB. Older links (plain
 * base64url JSON, no "z." prefix) are still read. Past LINK_WARN_LENGTH characters chat tools
 * and some browsers cut links, so the page warns and points to the export instead.
 */
(function (HA) {
  "use strict";

  var LINK_WARN_LENGTH = 8000;

  function bytesToBase64url(bytes) {
    var bin = "";
    for (var i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function base64urlToBytes(value) {
    var b64 = value.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4) b64 += "=";
    var bin = atob(b64);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  }

  function pipe(bytes, stream) {
    return new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  // Compact answers: "done", or [status, note, links, assessor, date] without trailing empties.
  function compactAnswer(a) {
    var parts = [a.status, a.note || "", a.links || [], a.assessor || "", a.date || ""];
    while (parts.length > 1) {
      var last = parts[parts.length - 1];
      if (last && !(Array.isArray(last) && !last.length)) break;
      parts.pop();
    }
    return parts.length === 1 ? a.status : parts;
  }

  function expandAnswer(v) {
    if (typeof v === "string") return { status: v, note: "" };
    if (!Array.isArray(v)) return v;
    var a = { status: v[0], note: v[1] || "" };
    if (v[2] && v[2].length) a.links = v[2];
    if (v[3]) a.assessor = v[3];
    if (v[4]) a.date = v[4];
    return a;
  }

  function sharePayload(model, state) {
    var compact = {};
    Object.keys(state.answers).forEach(function (id) {
      var a = state.answers[id];
      if (a.status === "not-started" && !a.note && !a.links) return;
      compact[id] = compactAnswer(a);
    });
    var payload = { schema: model.schema, answers: compact };
    if (state.team) payload.team = state.team;
    var plan = HA.planFields(state.planSettings);
    Object.keys(plan).forEach(function (key) { payload[key] = plan[key]; });
    return payload;
  }

  // Promise of the fragment value (after "#share=").
  function encodeShare(model, state) {
    var bytes = new TextEncoder().encode(JSON.stringify(sharePayload(model, state)));
    return pipe(bytes, new CompressionStream("deflate-raw")).then(function (z) { return "z." + bytesToBase64url(z); });
  }

  function shareFragment() {
    var m = /^#share=([A-Za-z0-9_.-]*)$/.exec(location.hash);
    return m ? m[1] : null;
  }

  // Promise of a checked record, or {error}.
  function decodeShare(model, fragment) {
    var compressed = fragment.slice(0, 2) === "z.";
    var bytes;
    try {
      bytes = base64urlToBytes(compressed ? fragment.slice(2) : fragment);
    } catch (e) {
      return Promise.resolve({ error: HA.t("assessment.share.damaged") });
    }
    var raw = compressed ? pipe(bytes, new DecompressionStream("deflate-raw")) : Promise.resolve(bytes);
    return raw.then(function (b) {
      var obj = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(b));
      if (!HA.isObject(obj) || !HA.isObject(obj.answers)) return { error: HA.t("assessment.share.no_answers") };
      var answers = {};
      Object.keys(obj.answers).forEach(function (id) { answers[id] = expandAnswer(obj.answers[id]); });
      return HA.checkRecord(model, { schema: obj.schema, answers: answers, team: obj.team,
        targets: obj.targets, capacity: obj.capacity, phase_weeks: obj.phase_weeks });
    }).catch(function () {
      return { error: HA.t("assessment.share.damaged") };
    });
  }

  function urlWithoutHash() {
    return location.href.split("#")[0];
  }

  HA.LINK_WARN_LENGTH = LINK_WARN_LENGTH;
  HA.encodeShare = encodeShare;
  HA.decodeShare = decodeShare;
  HA.shareFragment = shareFragment;
  HA.urlWithoutHash = urlWithoutHash;
})(window.HandbookAssessment = window.HandbookAssessment || {});

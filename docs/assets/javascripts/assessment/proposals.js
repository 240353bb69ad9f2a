/* Self-assessment, evidence from tools: an answers file written by `handbook evidence` holds
 * proposed answers (a "proposals" field beside the usual record). The user sees each proposed
 * status against the current answer and accepts all, or item by item; nothing changes until a
 * proposal is accepted. An accepted proposal brings its evidence (note, links, assessor, date);
 * a note or links the user had already written are kept beside it.
 *
 * Rules are plain functions (checkProposals, proposalRows, acceptProposals); the section view
 * registers with app.js.
 */
(function (HA) {
  "use strict";

  var h = HA.h;
  var has = HA.has;

  // A parsed file -> {answers, team, notCovered, unknown: [ids]} or {error}.
  function checkProposals(model, obj) {
    if (!HA.isObject(obj) || !HA.isObject(obj.proposals)) {
      return { error: "it is not a proposals file written by handbook evidence (it has no \u201cproposals\u201d field)" };
    }
    var answersOnly = Object.assign({}, obj);
    delete answersOnly.proposals; // checkRecord refuses proposals: the ordinary import must not apply them
    var rec = HA.checkRecord(model, answersOnly);
    if (rec.error) return rec;
    var known = {};
    var unknown = [];
    Object.keys(rec.all).forEach(function (id) {
      if (has(model.byId, id)) known[id] = rec.all[id];
      else unknown.push(id);
    });
    return {
      answers: known,
      team: rec.team,
      notCovered: Array.isArray(obj.proposals.not_covered) ? obj.proposals.not_covered : [],
      unknown: unknown
    };
  }

  function parseProposals(model, text) {
    var obj;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      return { error: "it is not a JSON file" };
    }
    return checkProposals(model, obj);
  }

  // One row per proposed item, in the handbook's order: {id, item, current, proposed, change}.
  // change: "new" (not answered yet), "changed" (another status) or "same" (same status, new evidence).
  function proposalRows(model, current, proposed) {
    return model.items.filter(function (item) { return has(proposed, item.id); }).map(function (item) {
      var now = model.status(current, item.id);
      var next = proposed[item.id].status;
      return {
        id: item.id,
        item: item,
        current: now,
        proposed: next,
        change: !has(current, item.id) ? "new" : now === next ? "same" : "changed"
      };
    });
  }

  // The answers after accepting the proposals of `ids`; every other answer is left as it is.
  function acceptProposals(current, proposed, ids) {
    var out = Object.assign({}, current);
    ids.forEach(function (id) {
      if (!has(proposed, id)) return;
      var mine = current[id] || {};
      var next = Object.assign({}, proposed[id]);
      if (mine.note && mine.note !== next.note) next.note = next.note + "\n\nEarlier note: " + mine.note;
      var links = (next.links || []).concat((mine.links || []).filter(function (l) { return (next.links || []).indexOf(l) < 0; }));
      if (links.length) next.links = links;
      out[id] = HA.cleanAnswer(next);
    });
    return out;
  }

  function label(status) {
    return HA.STATUS_LABELS[status] || status;
  }

  function ProposalsView(app) {
    var self = this;
    this.app = app;
    this.proposed = null;
    this.file = h("input", { type: "file", id: "ha-proposals-file", accept: ".json,application/json" });
    this.file.addEventListener("change", function () { self.load(); });
    this.alertBox = h("div", { class: "ha-alert", role: "alert" });
    this.box = h("div", { class: "ha-proposals-result" });
    this.el = h("section", { id: "ha-proposals", class: "ha-proposals", "aria-labelledby": "ha-proposals-heading" },
      h("h2", { id: "ha-proposals-heading" }, "Evidence from tools"),
      h("p", { class: "ha-hint" }, "Load the file `handbook evidence` wrote from your policy reports, kube-bench and " +
        "OpenSSF Scorecard results. Each proposal is shown next to your current answer; only the proposals you accept change your answers."),
      h("div", { class: "ha-field" }, h("label", { for: "ha-proposals-file" }, "Proposals file"), this.file),
      this.alertBox, this.box);
  }

  ProposalsView.prototype.sync = function () {
    this.file.disabled = this.app.readOnly;
    if (this.proposed) this.show();
  };

  ProposalsView.prototype.load = function () {
    var self = this;
    var f = this.file.files && this.file.files[0];
    HA.clear(this.alertBox);
    HA.clear(this.box);
    this.proposed = null;
    if (!f) return;
    f.text().then(function (text) {
      var read = parseProposals(self.app.model, text);
      if (read.error) {
        self.alertBox.appendChild(h("p", null, "\u201c" + f.name + "\u201d cannot be reviewed: " + read.error + ". Nothing was changed."));
        return;
      }
      self.proposed = read;
      self.fileName = f.name;
      self.show();
    }, function () {
      self.alertBox.appendChild(h("p", null, "\u201c" + f.name + "\u201d could not be read. Nothing was changed."));
    });
  };

  ProposalsView.prototype.show = function () {
    var self = this;
    var app = this.app;
    var read = this.proposed;
    var rows = proposalRows(app.model, app.answers, read.answers);
    HA.clear(this.box);
    var counts = { "new": 0, changed: 0, same: 0 };
    rows.forEach(function (r) { counts[r.change]++; });
    var boxes = {};
    var body = rows.map(function (r) {
      var box = h("input", { type: "checkbox", id: HA.domId("proposal", r.id), class: "ha-proposal-accept", disabled: app.readOnly });
      boxes[r.id] = box;
      var a = read.answers[r.id];
      var evidence = h("details", { class: "ha-proposal-evidence" }, h("summary", null, "Evidence"),
        h("p", { class: "ha-proposal-note" }, a.note || ""),
        (a.links || []).length ? h("ul", null, a.links.map(function (l) {
          return h("li", null, HA.isWebLink(l) ? h("a", { href: l, rel: "noopener noreferrer", target: "_blank" }, l) : l);
        })) : null);
      return h("tr", { "data-item": r.id, "data-change": r.change },
        h("td", null, box, h("label", { for: box.id, class: "ha-sr" }, "Accept the proposal for " + r.id)),
        h("td", null, h("a", { href: r.item.url }, r.id), " ", HA.prose ? HA.prose(r.item.text) : r.item.text),
        h("td", { class: "ha-proposal-current" }, label(r.current)),
        h("td", { class: "ha-proposal-proposed" }, label(r.proposed), r.change === "same" ? " (unchanged, adds evidence)" : ""),
        h("td", null, evidence));
    });
    var summary = HA.plural(rows.length, "proposal", "proposals") + (read.team ? " for team " + read.team : "") +
      " in \u201c" + this.fileName + "\u201d: " + counts["new"] + " for unanswered items, " + counts.changed +
      " changing a status, " + counts.same + " keeping the status and adding evidence.";
    var notes = [];
    if (read.unknown.length) notes.push(h("p", { class: "ha-hint" }, "Left out: " + HA.orphanText(read.unknown)));
    read.notCovered.forEach(function (u) {
      if (!HA.isObject(u)) return;
      notes.push(h("p", { class: "ha-hint" }, "Not covered: " + String(u.file || "") + " is benchmark " + String(u.benchmark || "unknown") +
        "; the rules were checked against " + (Array.isArray(u.checked_against) ? u.checked_against.join(", ") : "") + "."));
    });
    var accept = function (ids) {
      if (!ids.length) { app.alert("Tick the proposals to accept first. Nothing was changed."); return; }
      app.update({ answers: HA.normaliseAnswers(app.model, acceptProposals(app.answers, read.answers, ids)) });
      ids.forEach(function (id) { delete read.answers[id]; });
      app.message("Accepted " + HA.plural(ids.length, "proposal", "proposals") + ". Your other answers were not changed.");
      self.show();
    };
    if (!rows.length) {
      HA.append(this.box, [h("p", { id: "ha-proposals-summary" }, "No proposal is left to review in \u201c" + this.fileName + "\u201d."), notes]);
      return;
    }
    HA.append(this.box, [
      h("p", { id: "ha-proposals-summary" }, summary),
      notes,
      h("table", { class: "ha-table", id: "ha-proposals-table" },
        h("thead", null, h("tr", null, h("th", null, "Accept"), h("th", null, "Item"), h("th", null, "Your answer"),
          h("th", null, "Proposed"), h("th", null, "Evidence"))),
        h("tbody", null, body)),
      h("div", { class: "ha-buttons" },
        h("button", { type: "button", class: "md-button md-button--primary", id: "ha-proposals-accept", disabled: app.readOnly,
          onclick: function () { accept(rows.filter(function (r) { return boxes[r.id].checked; }).map(function (r) { return r.id; })); } },
          "Accept the ticked proposals"),
        h("button", { type: "button", class: "md-button", id: "ha-proposals-accept-all", disabled: app.readOnly,
          onclick: function () { accept(rows.map(function (r) { return r.id; })); } }, "Accept all"),
        h("button", { type: "button", class: "md-button", id: "ha-proposals-discard",
          onclick: function () { self.proposed = null; self.file.value = ""; HA.clear(self.box); app.message("The proposals were put aside. Nothing was changed."); } },
          "Discard"))
    ]);
  };

  HA.checkProposals = checkProposals;
  HA.parseProposals = parseProposals;
  HA.proposalRows = proposalRows;
  HA.acceptProposals = acceptProposals;
  HA.addSection({ id: "ha-proposals", title: "Evidence from tools", order: 32, create: function (app) { return new ProposalsView(app); } });
})(window.HandbookAssessment = window.HandbookAssessment || {});

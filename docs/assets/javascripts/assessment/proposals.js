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
  var t = HA.t;
  var tn = HA.tn;

  // A parsed file -> {answers, team, notCovered, unknown: [ids]} or {error}.
  function checkProposals(model, obj) {
    if (!HA.isObject(obj) || !HA.isObject(obj.proposals)) {
      return { error: t("assessment.proposals.not_proposals") };
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
      return { error: t("assessment.records.not_json") };
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
      if (mine.note && mine.note !== next.note) next.note = next.note + "\n\n" + t("assessment.proposals.earlier_note", { note: mine.note });
      var links = (next.links || []).concat((mine.links || []).filter(function (l) { return (next.links || []).indexOf(l) < 0; }));
      if (links.length) next.links = links;
      out[id] = HA.cleanAnswer(next);
    });
    return out;
  }

  function label(status) {
    return HA.statusLabel(status);
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
      h("h2", { id: "ha-proposals-heading" }, t("assessment.proposals.heading")),
      h("p", { class: "ha-hint" }, t("assessment.proposals.hint")),
      h("div", { class: "ha-field" }, h("label", { for: "ha-proposals-file" }, t("assessment.proposals.file")), this.file),
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
        self.alertBox.appendChild(h("p", null, t("assessment.proposals.refused", { file: f.name, problem: read.error })));
        return;
      }
      self.proposed = read;
      self.fileName = f.name;
      self.show();
    }, function () {
      self.alertBox.appendChild(h("p", null, t("assessment.records.unreadable_file", { file: f.name })));
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
      var evidence = h("details", { class: "ha-proposal-evidence" }, h("summary", null, t("assessment.evidence.summary")),
        h("p", { class: "ha-proposal-note" }, a.note || ""),
        (a.links || []).length ? h("ul", null, a.links.map(function (l) {
          return h("li", null, HA.isWebLink(l) ? h("a", { href: l, rel: "noopener noreferrer", target: "_blank" }, l) : l);
        })) : null);
      return h("tr", { "data-item": r.id, "data-change": r.change },
        h("td", null, box, h("label", { for: box.id, class: "ha-sr" }, t("assessment.proposals.accept_one", { id: r.id }))),
        h("td", null, h("a", { href: r.item.url }, r.id), " ", HA.prose ? HA.prose(r.item.text) : r.item.text),
        h("td", { class: "ha-proposal-current" }, label(r.current)),
        h("td", { class: "ha-proposal-proposed" }, label(r.proposed), r.change === "same" ? " " + t("assessment.proposals.unchanged") : ""),
        h("td", null, evidence));
    });
    var summary = t("assessment.proposals.summary", {
      proposals: read.team ? tn("assessment.proposals.for_team", rows.length, { team: read.team }) : tn("assessment.proposals.count", rows.length),
      file: this.fileName, "new": counts["new"], changed: counts.changed, same: counts.same });
    var notes = [];
    if (read.unknown.length) notes.push(h("p", { class: "ha-hint" }, t("assessment.records.left_out", { what: HA.orphanText(read.unknown) })));
    read.notCovered.forEach(function (u) {
      if (!HA.isObject(u)) return;
      notes.push(h("p", { class: "ha-hint" }, t("assessment.proposals.not_covered", { file: String(u.file || ""),
        benchmark: String(u.benchmark || t("assessment.proposals.unknown_benchmark")),
        checked: Array.isArray(u.checked_against) ? u.checked_against.join(", ") : "" })));
    });
    var accept = function (ids) {
      if (!ids.length) { app.alert(t("assessment.proposals.none_ticked")); return; }
      app.update({ answers: HA.normaliseAnswers(app.model, acceptProposals(app.answers, read.answers, ids)) });
      ids.forEach(function (id) { delete read.answers[id]; });
      app.message(tn("assessment.proposals.accepted", ids.length));
      self.show();
    };
    if (!rows.length) {
      HA.append(this.box, [h("p", { id: "ha-proposals-summary" }, t("assessment.proposals.none_left", { file: this.fileName })), notes]);
      return;
    }
    HA.append(this.box, [
      h("p", { id: "ha-proposals-summary" }, summary),
      notes,
      h("table", { class: "ha-table", id: "ha-proposals-table" },
        h("thead", null, h("tr", null, h("th", null, t("assessment.proposals.accept")), h("th", null, t("column.item")),
          h("th", null, t("assessment.proposals.your_answer")), h("th", null, t("assessment.proposals.proposed")),
          h("th", null, t("assessment.evidence.summary")))),
        h("tbody", null, body)),
      h("div", { class: "ha-buttons" },
        h("button", { type: "button", class: "md-button md-button--primary", id: "ha-proposals-accept", disabled: app.readOnly,
          onclick: function () { accept(rows.filter(function (r) { return boxes[r.id].checked; }).map(function (r) { return r.id; })); } },
          t("assessment.proposals.accept_ticked")),
        h("button", { type: "button", class: "md-button", id: "ha-proposals-accept-all", disabled: app.readOnly,
          onclick: function () { accept(rows.map(function (r) { return r.id; })); } }, t("assessment.proposals.accept_all")),
        h("button", { type: "button", class: "md-button", id: "ha-proposals-discard",
          onclick: function () { self.proposed = null; self.file.value = ""; HA.clear(self.box); app.message(t("assessment.proposals.discarded")); } },
          t("assessment.proposals.discard")))
    ]);
  };

  HA.checkProposals = checkProposals;
  HA.parseProposals = parseProposals;
  HA.proposalRows = proposalRows;
  HA.acceptProposals = acceptProposals;
  HA.addSection({ id: "ha-proposals", title: t("assessment.proposals.heading"), order: 32, create: function (app) { return new ProposalsView(app); } });
})(window.HandbookAssessment = window.HandbookAssessment || {});

/* Self-assessment, workshop consensus: a facilitator loads the answer files of several
 * participants of one team; each item shows the spread of statuses, the items with the most
 * disagreement first; the facilitator adopts the majority or picks per item, and the outcome
 * becomes the team's answers, with every participant's statuses kept in the record. */
(function (HA) {
  "use strict";

  var h = HA.h;
  var STATUSES = HA.STATUSES;
  var t = HA.t;
  var tn = HA.tn;

  // participants: [{name, answers}] -> rows [{item, counts, majority (null on a tie), disagreement}],
  // only items someone answered, most disagreement first, then in the data's order.
  function consensusRows(model, participants) {
    var rows = [];
    model.items.forEach(function (item, order) {
      var counts = {};
      STATUSES.forEach(function (st) { counts[st] = 0; });
      var answered = false;
      participants.forEach(function (p) {
        var st = model.status(p.answers, item.id);
        counts[st]++;
        if (st !== "not-started") answered = true;
      });
      if (!answered) return;
      var top = Math.max.apply(null, STATUSES.map(function (st) { return counts[st]; }));
      var leaders = STATUSES.filter(function (st) { return counts[st] === top; });
      rows.push({ item: item, order: order, counts: counts, majority: leaders.length === 1 ? leaders[0] : null,
        disagreement: participants.length - top });
    });
    return rows.sort(function (a, b) { return b.disagreement - a.disagreement || a.order - b.order; });
  }

  // picks: {item id: status} -> the team's answers; notes of the participants are joined.
  function consensusAnswers(participants, picks, today) {
    var out = {};
    Object.keys(picks).forEach(function (id) {
      var st = picks[id];
      if (st === "not-started") return;
      var notes = participants.map(function (p) { return p.answers[id] && p.answers[id].note ? p.name + ": " + p.answers[id].note : ""; }).filter(Boolean);
      out[id] = { status: st, note: notes.join(" | "), assessor: t("assessment.consensus.assessor", { names: participants.map(function (p) { return p.name; }).join(", ") }), date: today };
    });
    return out;
  }

  function ConsensusView(app) {
    var self = this;
    this.app = app;
    this.files = h("input", { type: "file", id: "ha-consensus-files", multiple: true, accept: ".json,application/json" });
    this.files.addEventListener("change", function () { self.load(); });
    this.alertBox = h("div", { class: "ha-alert", role: "alert" });
    this.box = h("div", { class: "ha-consensus-result" });
    this.el = h("section", { id: "ha-consensus", class: "ha-consensus", "aria-labelledby": "ha-consensus-heading" },
      h("h2", { id: "ha-consensus-heading" }, t("assessment.consensus.heading")),
      h("p", { class: "ha-hint" }, t("assessment.consensus.hint")),
      h("div", { class: "ha-field" }, h("label", { for: "ha-consensus-files" }, t("assessment.consensus.files")), this.files),
      this.alertBox, this.box);
  }

  ConsensusView.prototype.sync = function () {
    this.files.disabled = this.app.readOnly;
  };

  ConsensusView.prototype.load = function () {
    var self = this;
    var model = this.app.model;
    HA.clear(this.box);
    HA.clear(this.alertBox);
    HA.readRecordFiles(model, this.files.files).then(function (read) {
      if (read.problem) self.alertBox.appendChild(h("p", null, read.problem));
      self.participants = read.records.map(function (x) {
        return { name: x.rec.team || x.name.replace(/\.json$/i, ""), file: x.name, answers: x.rec.answers };
      });
      if (self.participants.length < 2) {
        self.alertBox.appendChild(h("p", null, t("assessment.consensus.too_few")));
        return;
      }
      self.show();
    });
  };

  ConsensusView.prototype.show = function () {
    var self = this;
    var rows = consensusRows(this.app.model, this.participants);
    this.picks = {};
    this.selects = {};
    var ties = rows.filter(function (r) { return !r.majority; }).length;
    var table = h("table", { class: "ha-table ha-consensus-table", id: "ha-consensus-table" },
      h("caption", null, t("assessment.consensus.caption", { count: this.participants.length,
        names: this.participants.map(function (p) { return p.name; }).join(", "),
        items: tn("assessment.consensus.items", rows.length), ties: tn("assessment.consensus.ties", ties) })),
      h("thead", null, h("tr", null, h("th", { scope: "col" }, t("column.item")),
        STATUSES.map(function (st) { return h("th", { scope: "col" }, HA.statusLabel(st)); }),
        h("th", { scope: "col" }, t("assessment.consensus.team_answer")))),
      h("tbody", null, rows.map(function (r) {
        var select = h("select", { id: HA.domId("pick", r.item.id), class: "ha-pick", "data-item": r.item.id },
          h("option", { value: "" }, t("assessment.consensus.choose")),
          STATUSES.map(function (st) { return h("option", { value: st }, HA.statusLabel(st)); }));
        select.addEventListener("change", function () { self.picks[r.item.id] = select.value; });
        self.selects[r.item.id] = { select: select, row: r };
        return h("tr", { "data-item": r.item.id, "data-disagreement": r.disagreement, "data-majority": r.majority || "" },
          h("th", { scope: "row" }, h("code", { class: "ha-id" }, r.item.id), " ", HA.prose(r.item.text)),
          STATUSES.map(function (st) { return h("td", { "data-status": st }, String(r.counts[st])); }),
          h("td", null, h("label", { for: select.id, class: "ha-sr" }, t("assessment.consensus.team_answer_for", { id: r.item.id })), select));
      })));
    HA.append(this.box, [
      h("div", { class: "ha-buttons" },
        h("button", { type: "button", class: "md-button", id: "ha-consensus-majority", onclick: function () { self.adoptMajority(); } }, t("assessment.consensus.adopt_majority")),
        h("button", { type: "button", class: "md-button md-button--primary", id: "ha-consensus-apply", onclick: function () { self.apply(); } }, t("assessment.consensus.apply"))),
      table
    ]);
  };

  ConsensusView.prototype.adoptMajority = function () {
    var self = this;
    Object.keys(this.selects).forEach(function (id) {
      var x = self.selects[id];
      if (x.row.majority && !self.picks[id]) { self.picks[id] = x.row.majority; x.select.value = x.row.majority; }
    });
  };

  ConsensusView.prototype.apply = function () {
    var self = this;
    var app = this.app;
    var open = Object.keys(this.selects).filter(function (id) { return !self.picks[id]; });
    if (open.length) {
      app.alert(tn("assessment.consensus.open", open.length, { ids: open.slice(0, 10).join(", ") + (open.length > 10 ? ", \u2026" : "") }));
      return;
    }
    if (Object.keys(app.answers).length && !window.confirm(t("assessment.consensus.confirm"))) return;
    var today = HA.today();
    app.update({
      answers: HA.normaliseAnswers(app.model, consensusAnswers(this.participants, this.picks, today)),
      consensus: { date: today, participants: this.participants.map(function (p) { return { name: p.name, file: p.file, answers: HA.statusesOf(p.answers) }; }) },
      baseline: null
    });
    app.message(t("assessment.consensus.applied", { count: this.participants.length }));
  };

  HA.consensusRows = consensusRows;
  HA.consensusAnswers = consensusAnswers;
  HA.addSection({ id: "ha-consensus", title: t("assessment.consensus.title"), order: 35, create: function (app) { return new ConsensusView(app); } });
})(window.HandbookAssessment = window.HandbookAssessment || {});

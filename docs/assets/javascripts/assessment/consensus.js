/* Self-assessment, workshop consensus: a facilitator loads the answer files of several
 * participants of one team; each item shows the spread of statuses, the items with the most
 * disagreement first; the facilitator adopts the majority or picks per item, and the outcome
 * becomes the team's answers, with every participant's statuses kept in the record. */
(function (HA) {
  "use strict";

  var h = HA.h;
  var STATUSES = HA.STATUSES;

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
      out[id] = { status: st, note: notes.join(" | "), assessor: "Consensus of " + participants.map(function (p) { return p.name; }).join(", "), date: today };
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
      h("h2", { id: "ha-consensus-heading" }, "Workshop consensus"),
      h("p", { class: "ha-hint" }, "Load the exported files of several participants of one team. Each item shows how they answered, " +
        "the most disputed first. Adopt the majority or pick per item, then use the outcome as the team\u2019s answers."),
      h("div", { class: "ha-field" }, h("label", { for: "ha-consensus-files" }, "Participants\u2019 answer files"), this.files),
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
        self.alertBox.appendChild(h("p", null, "Consensus needs the files of at least two participants."));
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
      h("caption", null, this.participants.length + " participants: " + this.participants.map(function (p) { return p.name; }).join(", ") +
        ". " + HA.plural(rows.length, "item", "items") + " answered, " + HA.plural(ties, "tie", "ties") + "."),
      h("thead", null, h("tr", null, h("th", { scope: "col" }, "Item"),
        STATUSES.map(function (st) { return h("th", { scope: "col" }, HA.STATUS_LABELS[st]); }),
        h("th", { scope: "col" }, "Team answer"))),
      h("tbody", null, rows.map(function (r) {
        var select = h("select", { id: HA.domId("pick", r.item.id), class: "ha-pick", "data-item": r.item.id },
          h("option", { value: "" }, "Choose\u2026"),
          STATUSES.map(function (st) { return h("option", { value: st }, HA.STATUS_LABELS[st]); }));
        select.addEventListener("change", function () { self.picks[r.item.id] = select.value; });
        self.selects[r.item.id] = { select: select, row: r };
        return h("tr", { "data-item": r.item.id, "data-disagreement": r.disagreement, "data-majority": r.majority || "" },
          h("th", { scope: "row" }, h("code", { class: "ha-id" }, r.item.id), " ", HA.prose(r.item.text)),
          STATUSES.map(function (st) { return h("td", { "data-status": st }, String(r.counts[st])); }),
          h("td", null, h("label", { for: select.id, class: "ha-sr" }, "Team answer for " + r.item.id), select));
      })));
    HA.append(this.box, [
      h("div", { class: "ha-buttons" },
        h("button", { type: "button", class: "md-button", id: "ha-consensus-majority", onclick: function () { self.adoptMajority(); } }, "Adopt the majority"),
        h("button", { type: "button", class: "md-button md-button--primary", id: "ha-consensus-apply", onclick: function () { self.apply(); } }, "Use as the team\u2019s answers")),
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
      app.alert(HA.plural(open.length, "item has", "items have") + " no team answer yet (ties are never decided for you): " +
        open.slice(0, 10).join(", ") + (open.length > 10 ? ", \u2026" : "") + ". Nothing was changed.");
      return;
    }
    if (Object.keys(app.answers).length && !window.confirm("Replace the answers saved in this browser with the consensus?")) return;
    var today = HA.today();
    app.update({
      answers: HA.normaliseAnswers(app.model, consensusAnswers(this.participants, this.picks, today)),
      consensus: { date: today, participants: this.participants.map(function (p) { return { name: p.name, file: p.file, answers: HA.statusesOf(p.answers) }; }) },
      baseline: null
    });
    app.message("The consensus of " + this.participants.length + " participants is now the team\u2019s answers.");
  };

  HA.consensusRows = consensusRows;
  HA.consensusAnswers = consensusAnswers;
  HA.addSection({ id: "ha-consensus", title: "Consensus", order: 35, create: function (app) { return new ConsensusView(app); } });
})(window.HandbookAssessment = window.HandbookAssessment || {});

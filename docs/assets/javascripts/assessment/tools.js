/* Self-assessment, the "Save, share and compare" section: team name, export, import, share
 * link, reset, answers for unknown items, and the team comparison (compare.js). */
(function (HA) {
  "use strict";

  var h = HA.h;
  var t = HA.t;
  var tn = HA.tn;

  function ToolsView(app) {
    var self = this;
    this.app = app;
    this.teamInput = h("input", { type: "text", id: "ha-team", autocomplete: "organization" });
    this.teamInput.addEventListener("input", function () { app.setTeam(self.teamInput.value); });
    this.importFile = h("input", { type: "file", id: "ha-import-file", accept: ".json,application/json" });
    this.importReplace = h("input", { type: "radio", name: "ha-import-mode", id: "ha-import-replace", value: "replace", checked: true });
    this.importMerge = h("input", { type: "radio", name: "ha-import-mode", id: "ha-import-merge", value: "merge" });
    this.importButton = h("button", { type: "button", class: "md-button", id: "ha-import-button", onclick: function () { self.importSelected(); } }, t("assessment.tools.import"));
    this.resetButton = h("button", { type: "button", class: "md-button", id: "ha-reset", onclick: function () { app.reset(); } }, t("assessment.tools.reset"));
    this.shareOutput = h("input", { type: "text", id: "ha-share-url", readonly: true, placeholder: t("assessment.tools.share_placeholder", { button: t("assessment.tools.share") }) });
    this.shareWarning = h("p", { class: "ha-warning", id: "ha-share-warning", role: "status", hidden: true });
    this.orphans = h("p", { class: "ha-orphans", hidden: true });

    this.el = h("section", { id: "ha-tools", class: "ha-tools", "aria-labelledby": "ha-tools-heading" },
      h("h2", { id: "ha-tools-heading" }, t("assessment.tools.heading")),
      h("p", { class: "ha-hint" }, t("assessment.tools.hint")),
      h("div", { class: "ha-field" }, h("label", { for: "ha-team" }, t("assessment.tools.team")), this.teamInput),
      h("div", { class: "ha-buttons" },
        h("button", { type: "button", class: "md-button md-button--primary", id: "ha-export", onclick: function () { self.exportFile(); } }, t("assessment.tools.export")),
        h("button", { type: "button", class: "md-button", id: "ha-print", onclick: function () { window.print(); } }, t("assessment.tools.print")),
        h("button", { type: "button", class: "md-button", id: "ha-share", onclick: function () { self.share(); } }, t("assessment.tools.share")),
        this.resetButton),
      h("div", { class: "ha-field ha-field-wide" }, h("label", { for: "ha-share-url" }, t("assessment.tools.share_link")), this.shareOutput),
      this.shareWarning,
      h("fieldset", { class: "ha-import" },
        h("legend", null, t("assessment.tools.import_legend")),
        h("div", { class: "ha-field" }, h("label", { for: "ha-import-file" }, t("assessment.tools.import_file")), this.importFile),
        h("div", { class: "ha-radios" },
          h("span", { class: "ha-radio" }, this.importReplace, h("label", { for: "ha-import-replace" }, t("assessment.tools.replace"))),
          h("span", { class: "ha-radio" }, this.importMerge, h("label", { for: "ha-import-merge" }, t("assessment.tools.merge")))),
        this.importButton),
      this.orphans,
      HA.compareBlock(app));
  }

  ToolsView.prototype.sync = function () {
    var ro = this.app.readOnly;
    this.teamInput.value = this.app.team;
    [this.teamInput, this.importFile, this.importReplace, this.importMerge, this.importButton, this.resetButton].forEach(function (el) {
      el.disabled = ro;
    });
  };

  ToolsView.prototype.render = function () {
    var unknown = this.app.model.unknownIds(this.app.answers);
    this.orphans.hidden = !unknown.length;
    this.orphans.textContent = unknown.length ? HA.orphanText(unknown) + " " + t("assessment.tools.orphans_kept") : "";
  };

  ToolsView.prototype.importSelected = function () {
    var self = this;
    var app = this.app;
    if (app.readOnly) return;
    var file = this.importFile.files && this.importFile.files[0];
    if (!file) { app.alert(t("assessment.tools.choose_file")); return; }
    var mode = this.importMerge.checked ? "merge" : "replace";
    file.text().then(function (text) {
      var rec = HA.parseRecord(app.model, text);
      if (rec.error) {
        app.alert(t("assessment.tools.import_refused", { file: file.name, problem: rec.error }));
        return;
      }
      var merge = mode === "merge";
      app.update({
        answers: merge ? HA.mergeAnswers(app.model, app.answers, rec.all) : rec.answers,
        team: rec.team && (!merge || !app.team) ? rec.team : app.team,
        snapshots: HA.mergeSnapshots(app.snapshots, rec.snapshots), // history only grows, in either mode
        consensus: rec.consensus || (merge ? app.consensus : null),
        baseline: merge && app.baseline ? app.baseline : HA.baselineOf(app.model, rec),
        planSettings: merge ? HA.mergePlanSettings(app.planSettings, rec.plan) : rec.plan
      });
      self.importFile.value = "";
      var count = Object.keys(rec.all).length;
      var done = (merge ? "assessment.tools.merged" : "assessment.tools.imported") + (rec.team ? "_team" : "");
      var text2 = tn(done, count, { file: file.name, team: rec.team });
      if (rec.handbook && rec.handbook !== app.model.data.handbook) text2 += " " + t("assessment.tools.other_handbook", { handbook: rec.handbook });
      var unknown = app.model.unknownIds(rec.answers);
      if (unknown.length) text2 += " " + HA.orphanText(unknown) + " " + t("assessment.tools.orphans_kept");
      app.message(text2);
    }, function () {
      app.alert(t("assessment.records.unreadable_file", { file: file.name }));
    });
  };

  // The file name carries the team and the date: asked for once, before the first export.
  ToolsView.prototype.exportFile = function () {
    var app = this.app;
    if (!app.team && !app.readOnly) {
      var team = window.prompt(t("assessment.tools.team_prompt"), "");
      if (team && team.trim()) app.setTeam(team.trim()); // cancelled or empty: exported without a team
      this.teamInput.value = app.team;
    }
    var rec = app.record();
    var date = rec.saved_at.slice(0, 10);
    var name = "assessment-" + HA.slug(app.model.data.handbook) + (app.team ? "-" + HA.slug(app.team) : "") + "-" + date + ".json";
    HA.download(name, JSON.stringify(rec, null, 2) + "\n", "application/json");
    app.message(tn("assessment.tools.exported", Object.keys(rec.answers).length));
  };

  ToolsView.prototype.share = function () {
    var app = this.app;
    var output = this.shareOutput;
    var warning = this.shareWarning;
    HA.encodeShare(app.model, app).then(function (fragment) {
      var link = HA.urlWithoutHash() + "#share=" + fragment;
      output.value = link;
      output.setAttribute("data-length", link.length);
      var long = link.length > HA.LINK_WARN_LENGTH;
      warning.hidden = !long;
      warning.textContent = long ? t("assessment.tools.long_link", { size: Math.ceil(link.length / 1024), button: t("assessment.tools.export") }) : "";
      var done = function () { app.message(t("assessment.tools.link_copied")); };
      var manual = function () {
        output.focus();
        output.select();
        app.message(t("assessment.tools.copy_by_hand", { field: t("assessment.tools.share_link") }));
      };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(link).then(done, manual);
      else manual();
    });
  };

  HA.addSection({ id: "ha-tools", title: t("assessment.tools.heading"), order: 30, create: function (app) { return new ToolsView(app); } });
})(window.HandbookAssessment = window.HandbookAssessment || {});

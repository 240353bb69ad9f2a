/* Self-assessment, the "Save, share and compare" section: team name, export, import, share
 * link, reset, answers for unknown items, and the team comparison (compare.js). */
(function (HA) {
  "use strict";

  var h = HA.h;
  var plural = HA.plural;

  function ToolsView(app) {
    var self = this;
    this.app = app;
    this.teamInput = h("input", { type: "text", id: "ha-team", autocomplete: "organization" });
    this.teamInput.addEventListener("input", function () { app.setTeam(self.teamInput.value); });
    this.importFile = h("input", { type: "file", id: "ha-import-file", accept: ".json,application/json" });
    this.importReplace = h("input", { type: "radio", name: "ha-import-mode", id: "ha-import-replace", value: "replace", checked: true });
    this.importMerge = h("input", { type: "radio", name: "ha-import-mode", id: "ha-import-merge", value: "merge" });
    this.importButton = h("button", { type: "button", class: "md-button", id: "ha-import-button", onclick: function () { self.importSelected(); } }, "Import");
    this.resetButton = h("button", { type: "button", class: "md-button", id: "ha-reset", onclick: function () { app.reset(); } }, "Reset all answers");
    this.shareOutput = h("input", { type: "text", id: "ha-share-url", readonly: true, placeholder: "Press \u201cCopy share link\u201d" });
    this.shareWarning = h("p", { class: "ha-warning", id: "ha-share-warning", role: "status", hidden: true });
    this.orphans = h("p", { class: "ha-orphans", hidden: true });

    this.el = h("section", { id: "ha-tools", class: "ha-tools", "aria-labelledby": "ha-tools-heading" },
      h("h2", { id: "ha-tools-heading" }, "Save, share and compare"),
      h("p", { class: "ha-hint" }, "Answers are saved in this browser as you go. Nothing is sent anywhere."),
      h("div", { class: "ha-field" }, h("label", { for: "ha-team" }, "Team name"), this.teamInput),
      h("div", { class: "ha-buttons" },
        h("button", { type: "button", class: "md-button md-button--primary", id: "ha-export", onclick: function () { self.exportFile(); } }, "Export answers"),
        h("button", { type: "button", class: "md-button", id: "ha-print", onclick: function () { window.print(); } }, "Print report"),
        h("button", { type: "button", class: "md-button", id: "ha-share", onclick: function () { self.share(); } }, "Copy share link"),
        this.resetButton),
      h("div", { class: "ha-field ha-field-wide" }, h("label", { for: "ha-share-url" }, "Share link"), this.shareOutput),
      this.shareWarning,
      h("fieldset", { class: "ha-import" },
        h("legend", null, "Import answers from a file"),
        h("div", { class: "ha-field" }, h("label", { for: "ha-import-file" }, "Exported answers file"), this.importFile),
        h("div", { class: "ha-radios" },
          h("span", { class: "ha-radio" }, this.importReplace, h("label", { for: "ha-import-replace" }, "Replace my answers")),
          h("span", { class: "ha-radio" }, this.importMerge, h("label", { for: "ha-import-merge" }, "Merge: the file\u2019s answers win, others are kept"))),
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
    this.orphans.textContent = unknown.length ? HA.orphanText(unknown) + " They are kept in this browser and in exports." : "";
  };

  ToolsView.prototype.importSelected = function () {
    var self = this;
    var app = this.app;
    if (app.readOnly) return;
    var file = this.importFile.files && this.importFile.files[0];
    if (!file) { app.alert("Choose an exported answers file first."); return; }
    var mode = this.importMerge.checked ? "merge" : "replace";
    file.text().then(function (text) {
      var rec = HA.parseRecord(app.model, text);
      if (rec.error) {
        app.alert("\u201c" + file.name + "\u201d was not imported: " + rec.error + ". Nothing was changed.");
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
      var text2 = (mode === "merge" ? "Merged " : "Imported ") + plural(count, "answer", "answers") + " from \u201c" + file.name + "\u201d" +
        (rec.team ? " (team " + rec.team + ")" : "") + ".";
      if (rec.handbook && rec.handbook !== app.model.data.handbook) text2 += " The file was exported from \u201c" + rec.handbook + "\u201d.";
      var unknown = app.model.unknownIds(rec.answers);
      if (unknown.length) text2 += " " + HA.orphanText(unknown) + " They are kept in this browser and in exports.";
      app.message(text2);
    }, function () {
      app.alert("\u201c" + file.name + "\u201d could not be read. Nothing was changed.");
    });
  };

  // The file name carries the team and the date: asked for once, before the first export.
  ToolsView.prototype.exportFile = function () {
    var app = this.app;
    if (!app.team && !app.readOnly) {
      var team = window.prompt("Team name for this export (it goes into the file name):", "");
      if (team && team.trim()) app.setTeam(team.trim()); // cancelled or empty: exported without a team
      this.teamInput.value = app.team;
    }
    var rec = app.record();
    var date = rec.saved_at.slice(0, 10);
    var name = "assessment-" + HA.slug(app.model.data.handbook) + (app.team ? "-" + HA.slug(app.team) : "") + "-" + date + ".json";
    HA.download(name, JSON.stringify(rec, null, 2) + "\n", "application/json");
    app.message("Exported " + plural(Object.keys(rec.answers).length, "answer", "answers") + " to a file.");
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
      warning.textContent = long ? "This link is " + Math.ceil(link.length / 1024) + " KB long: chat tools and some browsers cut links " +
        "longer than about 8 KB. Send the exported answers file instead (\u201cExport answers\u201d)." : "";
      var done = function () { app.message("Share link copied. Anyone who opens it sees this result, read-only."); };
      var manual = function () {
        output.focus();
        output.select();
        app.message("Copy the share link from the \u201cShare link\u201d field.");
      };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(link).then(done, manual);
      else manual();
    });
  };

  HA.addSection({ id: "ha-tools", title: "Save, share and compare", order: 30, create: function (app) { return new ToolsView(app); } });
})(window.HandbookAssessment = window.HandbookAssessment || {});

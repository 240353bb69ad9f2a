/* Self-assessment, comparing teams: several exported files side by side, read in this browser only.
 * compareTeams() is the rule (plain data in, rows out); compareBlock() its controls and table. */
(function (HA) {
  "use strict";

  var h = HA.h;
  var clear = HA.clear;

  // loaded: [{name (file name), rec (a checked record)}] -> [{team, results}] in file order.
  function compareTeams(model, loaded) {
    return loaded.map(function (x) {
      return { team: x.rec.team || x.name.replace(/\.json$/i, ""), results: model.results(x.rec.answers) };
    });
  }

  function heatmap(model, rows) {
    var maxLevel = model.maxLevel;
    return h("table", { class: "ha-table ha-heatmap", id: "ha-compare-table" },
      h("caption", null, "Achieved level per team and dimension (0 to " + maxLevel + "). Darker cells are higher levels."),
      h("thead", null, h("tr", null, h("th", { scope: "col" }, "Team"),
        model.dimensions.map(function (d) { return h("th", { scope: "col", "data-dimension": d.id }, d.name); }))),
      h("tbody", null, rows.map(function (row) {
        return h("tr", { "data-team": row.team },
          h("th", { scope: "row" }, row.team),
          row.results.map(function (r) {
            var shade = maxLevel ? Math.round((r.level / maxLevel) * 5) : 0;
            return h("td", {
              class: "ha-heat ha-heat-" + shade,
              "data-dimension": r.dimension,
              "data-level": r.level,
              title: row.team + ", " + model.dimensionName(r.dimension) + ": level " + r.level
            }, String(r.level));
          }));
      })));
  }

  function compareBlock(app) {
    var model = app.model;
    var files = h("input", { type: "file", id: "ha-compare-files", multiple: true, accept: ".json,application/json" });
    var box = h("div", { class: "ha-compare-result" });
    var alertBox = h("div", { class: "ha-alert", role: "alert" });
    files.addEventListener("change", function () {
      var chosen = Array.prototype.slice.call(files.files || []);
      clear(box);
      clear(alertBox);
      if (!chosen.length) return;
      Promise.all(chosen.map(function (f) {
        return f.text().then(function (text) { return { name: f.name, rec: HA.parseRecord(model, text) }; },
          function () { return { name: f.name, rec: { error: "it could not be read" } }; });
      })).then(function (loaded) {
        var problems = loaded.filter(function (x) { return x.rec.error; });
        var teams = loaded.filter(function (x) { return !x.rec.error; });
        if (problems.length) {
          alertBox.appendChild(h("p", null, "Left out: " + problems.map(function (x) {
            return "\u201c" + x.name + "\u201d (" + x.rec.error + ")";
          }).join("; ") + "."));
        }
        if (teams.length) box.appendChild(heatmap(model, compareTeams(model, teams)));
      });
    });
    return [
      h("h3", { id: "ha-compare-heading" }, "Compare teams"),
      h("p", { class: "ha-hint" }, "Choose several exported files to see each team\u2019s achieved level per dimension side by side. The files are read in this browser only."),
      h("div", { class: "ha-field" }, h("label", { for: "ha-compare-files" }, "Team answer files"), files),
      alertBox,
      box
    ];
  }

  HA.compareTeams = compareTeams;
  HA.compareBlock = compareBlock;
})(window.HandbookAssessment = window.HandbookAssessment || {});

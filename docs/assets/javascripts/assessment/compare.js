/* Self-assessment, comparing teams: several exported files side by side, read in this browser only.
 * Per dimension the achieved level and the share of applicable items done; per item which teams
 * have done it (filterable by level and dimension), exportable as CSV. compareTeams() and
 * itemMatrix() are the rules (plain data in, rows out); compareBlock() their controls and tables. */
(function (HA) {
  "use strict";

  var h = HA.h;
  var clear = HA.clear;
  var t = HA.t;

  // loaded: [{name (file name), rec (a checked record)}] -> [{team, results}] in file order.
  function compareTeams(model, loaded) {
    return loaded.map(function (x) {
      return { team: x.rec.team || x.name.replace(/\.json$/i, ""), answers: x.rec.answers, results: model.results(x.rec.answers),
        totals: model.dimensionTotals(x.rec.answers) };
    });
  }

  function heatmap(model, rows) {
    var maxLevel = model.maxLevel;
    return h("table", { class: "ha-table ha-heatmap", id: "ha-compare-table" },
      h("caption", null, t("assessment.compare.heatmap_caption", { max: maxLevel })),
      h("thead", null, h("tr", null, h("th", { scope: "col" }, t("assessment.compare.team")),
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
              title: t("assessment.compare.heat_title", { team: row.team, dimension: model.dimensionName(r.dimension), level: r.level })
            }, String(r.level));
          }));
      })));
  }

  // Items of the level and dimension ("" = all), each with every team's status.
  function itemMatrix(model, rows, levelId, dimensionId) {
    return model.items.filter(function (i) {
      return (!levelId || i.level === levelId) && (!dimensionId || i.dimension === dimensionId);
    }).map(function (item) {
      return { item: item, statuses: rows.map(function (row) { return model.status(row.answers, item.id); }) };
    });
  }

  function csvCell(value) {
    var v = String(value);
    // A leading = + - @ would run as a formula in a spreadsheet.
    if (/^[=+\-@]/.test(v)) v = "'" + v;
    return /[",\n\r]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }

  function matrixCsv(model, rows, matrix) {
    var header = ["item", "level", "dimension", "text"].map(function (column) { return t("assessment.compare.csv_" + column); });
    var lines = [header.concat(rows.map(function (r) { return r.team; }))];
    matrix.forEach(function (m) {
      lines.push([m.item.id, m.item.level, m.item.dimension, m.item.text].concat(m.statuses));
    });
    return lines.map(function (l) { return l.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  function percentTable(model, rows) {
    return h("table", { class: "ha-table", id: "ha-compare-percent" },
      h("caption", null, t("assessment.compare.percent_caption")),
      h("thead", null, h("tr", null, h("th", { scope: "col" }, t("assessment.compare.team")),
        model.dimensions.map(function (d) { return h("th", { scope: "col", "data-dimension": d.id }, d.name); }))),
      h("tbody", null, rows.map(function (row) {
        return h("tr", { "data-team": row.team }, h("th", { scope: "row" }, row.team),
          model.dimensions.map(function (d) {
            var total = row.totals[d.id];
            return h("td", { "data-dimension": d.id, "data-percent": total.percent },
              t("assessment.compare.percent_cell", { percent: total.percent, done: total.done, applicable: total.applicable }));
          }));
      })));
  }

  function itemsView(model, rows) {
    var level = h("select", { id: "ha-compare-level" }, h("option", { value: "" }, t("assessment.checklist.all_levels")),
      model.levels.map(function (lv) { return h("option", { value: lv.id }, t("level.title", { number: lv.number, name: lv.name })); }));
    var dim = h("select", { id: "ha-compare-dimension" }, h("option", { value: "" }, t("assessment.compare.all_dimensions")),
      model.dimensions.map(function (d) { return h("option", { value: d.id }, d.name); }));
    var box = h("div", { class: "ha-compare-items" });
    function draw() {
      var matrix = itemMatrix(model, rows, level.value, dim.value);
      clear(box);
      box.appendChild(h("table", { class: "ha-table", id: "ha-compare-items" },
        h("caption", null, HA.tn("assessment.compare.items_caption", matrix.length)),
        h("thead", null, h("tr", null, h("th", { scope: "col" }, t("column.item")), rows.map(function (r) { return h("th", { scope: "col" }, r.team); }))),
        h("tbody", null, matrix.map(function (m) {
          return h("tr", { "data-item": m.item.id }, h("th", { scope: "row" }, h("code", { class: "ha-id" }, m.item.id)),
            m.statuses.map(function (st) { return h("td", { "data-status": st }, HA.statusLabel(st)); }));
        }))));
    }
    level.addEventListener("change", draw);
    dim.addEventListener("change", draw);
    draw();
    var csv = h("button", { type: "button", class: "md-button", id: "ha-compare-csv", onclick: function () {
      // The file name says which handbook (and variant) and which data version the statuses are against.
      var name = "team-comparison-" + HA.slug(model.data.variant_name || model.data.handbook) + "-data-" + model.data.data_version + "-" + HA.today() + ".csv";
      HA.download(name, matrixCsv(model, rows, itemMatrix(model, rows, level.value, dim.value)), "text/csv");
    } }, t("assessment.compare.export_csv"));
    return [h("h4", null, t("assessment.compare.by_item")),
      h("div", { class: "ha-filters" },
        h("div", { class: "ha-field" }, h("label", { for: "ha-compare-level" }, t("column.level")), level),
        h("div", { class: "ha-field" }, h("label", { for: "ha-compare-dimension" }, t("column.dimension")), dim), csv),
      box];
  }

  function compareBlock(app) {
    var model = app.model;
    var files = h("input", { type: "file", id: "ha-compare-files", multiple: true, accept: ".json,application/json" });
    var box = h("div", { class: "ha-compare-result" });
    var alertBox = h("div", { class: "ha-alert", role: "alert" });
    files.addEventListener("change", function () {
      clear(box);
      clear(alertBox);
      HA.readRecordFiles(model, files.files).then(function (read) {
        if (read.problem) alertBox.appendChild(h("p", null, read.problem));
        if (!read.records.length) return;
        var rows = compareTeams(model, read.records);
        HA.append(box, [heatmap(model, rows), percentTable(model, rows), itemsView(model, rows)]);
      });
    });
    return [
      h("h3", { id: "ha-compare-heading" }, t("assessment.compare.heading")),
      h("p", { class: "ha-hint" }, t("assessment.compare.hint")),
      h("div", { class: "ha-field" }, h("label", { for: "ha-compare-files" }, t("assessment.compare.files")), files),
      alertBox,
      box
    ];
  }

  HA.compareTeams = compareTeams;
  HA.itemMatrix = itemMatrix;
  HA.matrixCsv = matrixCsv;
  HA.compareBlock = compareBlock;
})(window.HandbookAssessment = window.HandbookAssessment || {});

/* Self-assessment, snapshots and trends: "Save snapshot" keeps today's statuses with a date and
 * an optional label; the chart shows each dimension's level and progress over the snapshots.
 * A point's value is level + progress toward the next level (2.5 = level 2, halfway to 3). */
(function (HA) {
  "use strict";

  var h = HA.h;
  var s = HA.s;
  var t = HA.t;

  function takeSnapshot(answers, label, date) {
    return { date: date, label: label || "", answers: HA.statusesOf(answers) };
  }

  function asAnswers(statuses) {
    var out = {};
    Object.keys(statuses).forEach(function (id) { out[id] = { status: statuses[id], note: "" }; });
    return out;
  }

  // [{dimension, points: [{date, label, level, progress, value}]}]; snapshots hold statuses only,
  // so evidence-only counting does not apply to them.
  function trendSeries(model, snapshots) {
    var evidenceOnly = model.evidenceOnly;
    model.evidenceOnly = false;
    try {
      var perSnap = snapshots.map(function (snap) { return model.results(asAnswers(snap.answers)); });
      return model.dimensions.map(function (d, k) {
        return {
          dimension: d.id,
          points: snapshots.map(function (snap, i) {
            var r = perSnap[i][k];
            var progress = r.next ? r.progress : 0;
            return { date: snap.date, label: snap.label, level: r.level, progress: r.next ? r.progress : null, value: r.level + progress / 100 };
          })
        };
      });
    } finally {
      model.evidenceOnly = evidenceOnly;
    }
  }

  function trendChart(model, series) {
    var n = series.length ? series[0].points.length : 0;
    var max = model.maxLevel || 1;
    var W = 440, H = 220, left = 30, right = 40, top = 10, bottom = 30;
    function x(i) { return left + (n > 1 ? (i * (W - left - right)) / (n - 1) : (W - left - right) / 2); }
    function y(v) { return top + (H - top - bottom) * (1 - v / max); }
    var desc = series.map(function (sr) {
      return model.dimensionName(sr.dimension) + ": " + sr.points.map(function (p) { return p.level + (p.progress === null ? "" : " (" + p.progress + "%)"); }).join(", ");
    }).join("; ");
    var svgEl = s("svg", { class: "ha-trend", id: "ha-trend", viewBox: "0 0 " + W + " " + H, role: "img",
      "aria-labelledby": "ha-trend-title ha-trend-desc" },
      s("title", { id: "ha-trend-title" }, t("assessment.snapshots.chart_title")),
      s("desc", { id: "ha-trend-desc" }, desc));
    for (var lv = 0; lv <= max; lv++) {
      svgEl.appendChild(s("line", { class: "ha-trend-grid", x1: left, x2: W - right, y1: y(lv), y2: y(lv) }));
      svgEl.appendChild(s("text", { class: "ha-trend-tick", x: left - 6, y: y(lv) + 4, "text-anchor": "end" }, String(lv)));
    }
    series[0] && series[0].points.forEach(function (p, i) {
      svgEl.appendChild(s("text", { class: "ha-trend-tick", x: x(i), y: H - 10, "text-anchor": "middle" }, p.date));
    });
    series.forEach(function (sr, k) {
      var cls = "ha-trend-line ha-trend-" + k;
      svgEl.appendChild(s("polyline", { class: cls, points: sr.points.map(function (p, i) { return x(i).toFixed(1) + "," + y(p.value).toFixed(1); }).join(" ") }));
      sr.points.forEach(function (p, i) {
        svgEl.appendChild(s("circle", { class: "ha-trend-dot ha-trend-" + k, cx: x(i).toFixed(1), cy: y(p.value).toFixed(1), r: 3,
          "data-dimension": sr.dimension, "data-snapshot": i, "data-level": p.level, "data-progress": p.progress === null ? "" : p.progress },
          s("title", null, t(p.progress === null ? "assessment.snapshots.point" : "assessment.snapshots.point_progress", {
            dimension: model.dimensionName(sr.dimension), snapshot: p.date + (p.label ? " " + p.label : ""),
            level: p.level, percent: p.progress }))));
      });
    });
    return svgEl;
  }

  // The same values as a table: a legend for the chart's colours, and readable when lines overlap.
  function trendTable(model, series) {
    var points = series.length ? series[0].points : [];
    return h("table", { class: "ha-table ha-trend-table", id: "ha-trend-table" },
      h("caption", null, t("assessment.snapshots.table_caption")),
      h("thead", null, h("tr", null, h("th", { scope: "col" }, t("column.dimension")),
        points.map(function (p) { return h("th", { scope: "col" }, p.date + (p.label ? " " + p.label : "")); }))),
      h("tbody", null, series.map(function (sr, k) {
        return h("tr", { "data-dimension": sr.dimension },
          h("th", { scope: "row" }, h("span", { class: "ha-swatch ha-trend-" + k, "aria-hidden": "true" }), " ", model.dimensionName(sr.dimension)),
          sr.points.map(function (p) { return h("td", null, p.level + (p.progress === null ? "" : " (" + p.progress + "%)")); }));
      })));
  }

  function SnapshotView(app) {
    var self = this;
    this.app = app;
    this.label = h("input", { type: "text", id: "ha-snapshot-label", placeholder: t("assessment.snapshots.label_example") });
    this.button = h("button", { type: "button", class: "md-button", id: "ha-snapshot-save", onclick: function () { self.save(); } }, t("assessment.snapshots.save"));
    this.list = h("div", { class: "ha-snapshot-list" });
    this.chart = h("div", { class: "ha-trend-box" });
    this.el = h("section", { id: "ha-progress", class: "ha-progress", "aria-labelledby": "ha-progress-heading" },
      h("h2", { id: "ha-progress-heading" }, t("assessment.snapshots.heading")),
      h("p", { class: "ha-hint" }, t("assessment.snapshots.hint")),
      h("div", { class: "ha-snapshot-form" },
        h("div", { class: "ha-field" }, h("label", { for: "ha-snapshot-label" }, t("assessment.snapshots.label")), this.label),
        this.button),
      this.chart, this.list);
  }

  SnapshotView.prototype.save = function () {
    var app = this.app;
    if (app.readOnly) return;
    var snap = takeSnapshot(app.answers, this.label.value.trim(), HA.today());
    app.update({ snapshots: HA.mergeSnapshots(app.snapshots.filter(function (x) { return !(x.date === snap.date && x.label === snap.label); }), [snap]) });
    this.label.value = "";
    app.message(t(snap.label ? "assessment.snapshots.saved_label" : "assessment.snapshots.saved", { date: snap.date, label: snap.label }));
  };

  SnapshotView.prototype.sync = function () {
    this.label.disabled = this.button.disabled = this.app.readOnly;
  };

  SnapshotView.prototype.render = function () {
    var app = this.app;
    var snaps = app.snapshots;
    HA.clear(this.chart);
    HA.clear(this.list);
    if (!snaps.length) { this.list.appendChild(h("p", null, t("assessment.snapshots.none"))); return; }
    var series = trendSeries(app.model, snaps);
    HA.append(this.chart, [trendChart(app.model, series), trendTable(app.model, series)]);
    this.list.appendChild(h("ol", { class: "ha-snapshots" }, snaps.map(function (snap) {
      return h("li", { "data-date": snap.date }, snap.date + (snap.label ? " \u00b7 " + snap.label : "") + " \u00b7 " +
        HA.tn("assessment.snapshots.items_done", Object.keys(snap.answers).filter(function (id) { return snap.answers[id] === "done"; }).length));
    })));
  };

  HA.takeSnapshot = takeSnapshot;
  HA.trendSeries = trendSeries;
  HA.addSection({ id: "ha-progress", title: t("assessment.snapshots.title"), order: 12, create: function (app) { return new SnapshotView(app); } });
})(window.HandbookAssessment = window.HandbookAssessment || {});

/* Self-assessment, the Result section: report line, radar chart, level table and next actions. */
(function (HA) {
  "use strict";

  var h = HA.h;
  var s = HA.s;
  var clear = HA.clear;
  var append = HA.append;
  var t = HA.t;
  var tn = HA.tn;
  var NEXT_ACTIONS_SHOWN = 5;

  function ResultView(app) {
    var model = app.model;
    this.app = app;
    this.openMore = {};
    this.reportMeta = h("p", { class: "ha-report-meta" });
    this.chartBox = h("div", { class: "ha-chart" });
    this.tableBody = h("tbody");
    this.nextBox = h("div", { class: "ha-next" });
    var evidenceOnly = h("input", { type: "checkbox", id: "ha-evidence-only" });
    evidenceOnly.addEventListener("change", function () {
      model.evidenceOnly = evidenceOnly.checked;
      app.render();
    });
    this.el = h("section", { id: "ha-result", class: "ha-result", "aria-labelledby": "ha-result-heading" },
      h("h2", { id: "ha-result-heading" }, t("assessment.result.heading")),
      this.reportMeta,
      h("p", { class: "ha-radio ha-evidence-toggle" }, evidenceOnly,
        h("label", { for: "ha-evidence-only" }, t("assessment.result.evidence_only"))),
      h("div", { class: "ha-profile" },
        this.chartBox,
        h("table", { class: "ha-table", id: "ha-result-table" },
          h("caption", null, t("assessment.result.caption", { threshold: model.threshold })),
          h("thead", null, h("tr", null,
            h("th", { scope: "col" }, t("column.dimension")),
            h("th", { scope: "col" }, t("assessment.result.achieved")),
            h("th", { scope: "col" }, t("assessment.result.progress")))),
          this.tableBody)),
      h("h3", { id: "ha-next-heading" }, t("assessment.result.next_actions")),
      h("p", { class: "ha-hint" }, t("assessment.result.next_hint")),
      this.nextBox);
  }

  ResultView.prototype.render = function (results) {
    this.renderMeta();
    this.renderChart(results);
    this.renderTable(results);
    this.renderNext(results);
  };

  ResultView.prototype.renderMeta = function () {
    var app = this.app;
    var parts = [];
    if (app.team) parts.push(t("assessment.result.team", { team: app.team }));
    parts.push(t(app.readOnly ? "assessment.result.shared" : "assessment.result.stored"));
    parts.push(t("assessment.result.report_date", { date: new Date().toISOString().slice(0, 10) }));
    if (app.model.data.variant_name) parts.push(t("assessment.result.variant", { name: app.model.data.variant_name }));
    parts.push(t("assessment.result.data_version", { version: app.model.data.data_version }));
    if (app.model.evidenceOnly) parts.push(t("assessment.result.counting_evidence"));
    this.reportMeta.textContent = parts.join(" \u00b7 ");
  };

  ResultView.prototype.renderTable = function (results) {
    var model = this.app.model;
    var body = this.tableBody;
    clear(body);
    results.forEach(function (r) {
      var levelText = r.level ? r.level + " " + model.levelName(r.level) : t("assessment.plan.none_yet");
      var progressText = r.next
        ? tn("assessment.result.toward", r.applicable, { percent: r.progress, number: r.next.number, name: r.next.name, done: r.done })
        : t("assessment.result.all_reached");
      body.appendChild(h("tr", {
        "data-dimension": r.dimension, "data-level": r.level,
        "data-progress": r.next ? r.progress : "", "data-done": r.done, "data-applicable": r.applicable
      },
        h("th", { scope: "row" }, model.dimensionName(r.dimension)),
        h("td", { class: "ha-level-cell" }, levelText),
        h("td", { class: "ha-progress-cell" },
          r.next ? h("span", { class: "ha-bar", "aria-hidden": "true" }, h("span", { style: "width:" + r.progress + "%" })) : null,
          progressText)));
    });
  };

  ResultView.prototype.renderChart = function (results) {
    var model = this.app.model;
    var n = results.length;
    var max = model.maxLevel || 1;
    var cx = 220, cy = 170, R = 120;
    function point(i, value) {
      var angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(n, 1);
      var r = (value / max) * R;
      return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
    }
    function pts(values) {
      return values.map(function (v, i) { var p = point(i, v); return p[0].toFixed(1) + "," + p[1].toFixed(1); }).join(" ");
    }
    var desc = t("assessment.result.chart_desc", { max: max, levels: results.map(function (r) {
      return model.dimensionName(r.dimension) + " " + r.level;
    }).join(", ") });
    var svgEl = s("svg", {
      class: "ha-radar", id: "ha-radar", viewBox: "0 0 440 340", role: "img",
      "aria-labelledby": "ha-radar-title ha-radar-desc", width: "440", height: "340"
    },
      s("title", { id: "ha-radar-title" }, t("assessment.result.chart_title")),
      s("desc", { id: "ha-radar-desc" }, desc));
    for (var ring = 1; ring <= max; ring++) {
      var ringValues = results.map(function () { return ring; });
      svgEl.appendChild(s("polygon", { class: "ha-radar-ring", points: pts(ringValues) }));
      var rp = point(0, ring);
      svgEl.appendChild(s("text", { class: "ha-radar-tick", x: (rp[0] + 4).toFixed(1), y: (rp[1] + 4).toFixed(1) }, String(ring)));
    }
    results.forEach(function (r, i) {
      var end = point(i, max);
      svgEl.appendChild(s("line", { class: "ha-radar-axis", x1: cx, y1: cy, x2: end[0].toFixed(1), y2: end[1].toFixed(1) }));
    });
    svgEl.appendChild(s("polygon", { class: "ha-radar-area", points: pts(results.map(function (r) { return r.level; })) }));
    results.forEach(function (r, i) {
      var p = point(i, r.level);
      svgEl.appendChild(s("circle", { class: "ha-radar-dot", cx: p[0].toFixed(1), cy: p[1].toFixed(1), r: 4 }));
      var lp = point(i, max * 1.13);
      var anchor = Math.abs(lp[0] - cx) < 10 ? "middle" : lp[0] > cx ? "start" : "end";
      var words = (model.dimensionName(r.dimension) + " (" + r.level + ")").split(" ");
      var lines = [];
      words.forEach(function (w) {
        var last = lines[lines.length - 1];
        if (last && (last + " " + w).length <= 14) lines[lines.length - 1] = last + " " + w;
        else lines.push(w);
      });
      var y0 = lp[1] - (lines.length - 1) * 7 + 4;
      svgEl.appendChild(s("text", { class: "ha-radar-label", x: lp[0].toFixed(1), y: y0.toFixed(1), "text-anchor": anchor },
        lines.map(function (line, k) {
          return s("tspan", { x: lp[0].toFixed(1), dy: k ? "14" : "0" }, line);
        })));
    });
    clear(this.chartBox);
    this.chartBox.appendChild(svgEl);
  };

  ResultView.prototype.renderNext = function (results) {
    var self = this;
    var model = this.app.model;
    clear(this.nextBox);
    results.forEach(function (r) {
      var name = model.dimensionName(r.dimension);
      var box = h("div", { class: "ha-next-dimension", "data-dimension": r.dimension });
      if (!r.next) {
        append(box, [h("h4", null, name), h("p", null, t("assessment.result.all_reached_sentence"))]);
        self.nextBox.appendChild(box);
        return;
      }
      var actions = model.nextActions(self.app.answers, r);
      append(box, [
        h("h4", null, t("assessment.result.next_heading", { dimension: name, number: r.next.number, name: r.next.name })),
        h("p", { class: "ha-hint" }, tn("assessment.result.next_progress", r.applicable, { done: r.done, percent: r.progress, threshold: model.threshold }))
      ]);
      // The first few stay in view (and on paper); a short tail is not worth a "show more".
      var cut = actions.length <= NEXT_ACTIONS_SHOWN + 2 ? actions.length : NEXT_ACTIONS_SHOWN;
      var shown = actions.slice(0, cut);
      var rest = actions.slice(cut);
      box.appendChild(h("ol", { class: "ha-next-list" }, shown.map(function (item) { return self.nextItem(item); })));
      if (rest.length) {
        var more = h("details", { class: "ha-more", open: !!self.openMore[r.dimension] },
          h("summary", null, t("assessment.result.show_more", { count: rest.length })),
          h("ol", { class: "ha-next-list", start: cut + 1 }, rest.map(function (item) { return self.nextItem(item); })));
        more.addEventListener("toggle", function () { self.openMore[r.dimension] = more.open; });
        box.appendChild(more);
        box.appendChild(h("p", { class: "ha-print-only" }, t("assessment.result.more_online", { count: rest.length })));
      }
      self.nextBox.appendChild(box);
    });
  };

  ResultView.prototype.nextItem = function (item) {
    var app = this.app;
    var href = HA.practiceHref(item.url, app.linkStyle);
    var st = app.model.status(app.answers, item.id);
    var priority = String(item.priority || "");
    return h("li", { "data-item": item.id },
      priority ? h("span", { class: "ha-prio ha-prio-" + HA.slug(priority) }, HA.priorityLabel(priority)) : null, " ",
      h("span", { class: "ha-next-text" }, HA.prose(item.text)), " ",
      h("code", { class: "ha-id" }, item.id), " ",
      st === "in-progress" ? h("em", null, t("assessment.result.in_progress") + " ") : null,
      href ? h("a", { href: href, class: "ha-practice-link" }, t("assessment.result.practice", { title: item.practice_title || item.practice })) : null);
  };

  HA.addSection({ id: "ha-result", title: t("assessment.result.heading"), order: 10, create: function (app) { return new ResultView(app); } });
})(window.HandbookAssessment = window.HandbookAssessment || {});

/* Self-assessment, the Plan section: targets per dimension, capacity and phase length, the plan
 * (plan.js) by phase, its exports (planexport.js) and a print view of the plan alone.
 *
 * The settings live with the answers (app.planSettings: stored, exported, shared); this view
 * changes them only through app.setPlanSettings, and draws the plan again on every render.
 */
(function (HA) {
  "use strict";

  var h = HA.h;
  var clear = HA.clear;
  var t = HA.t;
  var PRINT_CLASS = "ha-print-plan";

  function PlanView(app) {
    var self = this;
    var model = app.model;
    var defaults = model.data.plan_defaults || { capacity: 12, phase_weeks: 6 };
    this.app = app;
    this.plan = null;
    this.targetSelects = {};
    this.achievedCells = {};
    var rows = model.dimensions.map(function (d) {
      var select = h("select", { id: HA.domId("plan-target", d.id), class: "ha-plan-target", "data-dimension": d.id },
        h("option", { value: "" }, t("assessment.plan.next_level")),
        h("option", { value: "0" }, t("assessment.plan.nothing_here")),
        model.levels.map(function (lv) { return h("option", { value: String(lv.number) }, t("level.title", { number: lv.number, name: lv.name })); }));
      select.addEventListener("change", function () { self.setTarget(d.id, select.value); });
      self.targetSelects[d.id] = select;
      self.achievedCells[d.id] = h("td", null);
      return h("tr", { "data-dimension": d.id },
        h("th", { scope: "row" }, h("label", { for: select.id }, d.name)),
        self.achievedCells[d.id],
        h("td", null, select));
    });
    this.capacityInput = h("input", { type: "number", id: "ha-plan-capacity", min: "0.5", step: "0.5", inputmode: "decimal",
      placeholder: String(defaults.capacity) });
    this.weeksInput = h("input", { type: "number", id: "ha-plan-weeks", min: "1", step: "1", inputmode: "numeric",
      placeholder: String(defaults.phase_weeks) });
    this.capacityInput.addEventListener("change", function () { self.setNumber("capacity", self.capacityInput, HA.capacityError); });
    this.weeksInput.addEventListener("change", function () { self.setNumber("phase_weeks", self.weeksInput, HA.phaseWeeksError); });
    this.fieldAlert = h("div", { class: "ha-alert", role: "alert", id: "ha-plan-error" });
    this.printTitle = h("p", { class: "ha-print-only ha-plan-print-title" });
    this.summary = h("p", { id: "ha-plan-summary", class: "ha-plan-summary" });
    this.phasesBox = h("div", { id: "ha-plan-phases", class: "ha-plan-phases" });
    this.exportButtons = [
      h("button", { type: "button", class: "md-button", id: "ha-plan-md", onclick: function () { self.exportAs("md"); } }, t("assessment.plan.export_md")),
      h("button", { type: "button", class: "md-button", id: "ha-plan-csv", onclick: function () { self.exportAs("csv"); } }, t("assessment.plan.export_csv")),
      h("button", { type: "button", class: "md-button", id: "ha-plan-json", onclick: function () { self.exportAs("json"); } }, t("assessment.plan.export_json")),
      h("button", { type: "button", class: "md-button", id: "ha-plan-print", onclick: function () { self.print(); } }, t("assessment.plan.print"))
    ];
    this.settingsControls = Object.keys(this.targetSelects).map(function (k) { return self.targetSelects[k]; })
      .concat([this.capacityInput, this.weeksInput]);

    this.el = h("section", { id: "ha-plan", class: "ha-plan", "aria-labelledby": "ha-plan-heading" },
      h("h2", { id: "ha-plan-heading" }, t("assessment.plan.heading")),
      this.printTitle,
      h("p", { class: "ha-hint" }, t("assessment.plan.hint")),
      h("div", { class: "ha-plan-settings" },
        h("table", { class: "ha-table ha-plan-targets", id: "ha-plan-targets" },
          h("caption", null, t("assessment.plan.targets_caption")),
          h("thead", null, h("tr", null, h("th", { scope: "col" }, t("column.dimension")), h("th", { scope: "col" }, t("assessment.plan.achieved")),
            h("th", { scope: "col" }, t("assessment.plan.target")))),
          h("tbody", null, rows)),
        h("div", { class: "ha-plan-numbers" },
          h("div", { class: "ha-field" }, h("label", { for: "ha-plan-capacity" }, t("assessment.plan.capacity")), this.capacityInput),
          h("div", { class: "ha-field" }, h("label", { for: "ha-plan-weeks" }, t("assessment.plan.phase_length")), this.weeksInput))),
      this.fieldAlert,
      this.summary,
      h("div", { class: "ha-buttons" }, this.exportButtons),
      this.phasesBox);
  }

  PlanView.prototype.settings = function () {
    var s = this.app.planSettings;
    return { targets: Object.assign({}, s.targets), capacity: s.capacity, phase_weeks: s.phase_weeks };
  };

  PlanView.prototype.setTarget = function (dimension, value) {
    var next = this.settings();
    if (value === "") delete next.targets[dimension];
    else next.targets[dimension] = Number(value);
    this.app.setPlanSettings(next);
  };

  // An empty field means the default; anything else must pass the same check as an imported file.
  PlanView.prototype.setNumber = function (field, input, check) {
    var raw = input.value.trim();
    var value = raw === "" ? null : Number(raw);
    var problem = value === null ? null : check(value);
    if (problem === null && raw !== "" && input.validity && input.validity.badInput) problem = t("assessment.plan.not_a_number");
    input.setAttribute("aria-invalid", problem ? "true" : "false");
    clear(this.fieldAlert);
    if (problem) {
      this.fieldAlert.appendChild(h("p", null, t("assessment.plan.field_refused", { field: field, problem: problem })));
      return;
    }
    var next = this.settings();
    next[field] = value;
    this.app.setPlanSettings(next);
  };

  PlanView.prototype.sync = function () {
    var self = this;
    var s = this.app.planSettings;
    Object.keys(this.targetSelects).forEach(function (dim) {
      self.targetSelects[dim].value = HA.has(s.targets, dim) ? String(s.targets[dim]) : "";
    });
    this.capacityInput.value = s.capacity === null ? "" : String(s.capacity);
    this.weeksInput.value = s.phase_weeks === null ? "" : String(s.phase_weeks);
    this.capacityInput.removeAttribute("aria-invalid");
    this.weeksInput.removeAttribute("aria-invalid");
    clear(this.fieldAlert);
    var ro = this.app.readOnly;
    this.settingsControls.forEach(function (el) { el.disabled = ro; });
  };

  PlanView.prototype.render = function () {
    var app = this.app;
    var plan = HA.computePlan(app.model, app.answers, app.planSettings, app.team);
    this.plan = plan;
    var self = this;
    plan.dimensions.forEach(function (d) {
      self.achievedCells[d.id].textContent = d.achieved ? t("assessment.plan.level", { number: d.achieved }) : t("assessment.plan.none_yet");
      self.targetSelects[d.id].setAttribute("data-target", d.target);
      self.targetSelects[d.id].options[0].textContent = t("assessment.plan.next_level_is", { number: d.target });
    });
    this.printTitle.textContent = (plan.team ? t("assessment.plan.for_team", { team: plan.team }) : t("assessment.plan.heading")) +
      " \u00b7 " + plan.handbook + " \u00b7 " + new Date().toISOString().slice(0, 10) + " \u00b7 " +
      t("assessment.plan.print_targets", { targets: plan.dimensions.map(function (d) { return d.name + " " + d.target; }).join(", ") }) +
      " \u00b7 " + t("assessment.plan.print_effort", { sizes: (app.model.data.effort_scale || []).map(function (e) {
        return e.label + " " + e.person_weeks; }).join(", ") });
    this.summary.textContent = HA.planSummary(plan);
    this.exportButtons.forEach(function (b) { b.disabled = !plan.lines.length && b.id !== "ha-plan-json"; });
    this.renderPhases(plan);
  };

  PlanView.prototype.renderPhases = function (plan) {
    var self = this;
    var lines = {};
    plan.lines.forEach(function (line) { lines[line.practice] = line; });
    clear(this.phasesBox);
    if (!plan.lines.length) {
      this.phasesBox.appendChild(h("p", { class: "ha-plan-empty" }, t("assessment.plan.nothing_to_do")));
      return;
    }
    plan.phases.forEach(function (phase) {
      self.phasesBox.appendChild(h("div", { class: "ha-plan-phase", "data-phase": phase.number, "data-oversized": phase.oversized ? "true" : "false" },
        h("h3", null, HA.planPhaseTitle(plan, phase)),
        h("table", { class: "ha-table ha-plan-table" },
          h("thead", null, h("tr", null, ["assessment.plan.column_order", "column.practice", "column.dimension", "column.level",
            "column.owners", "assessment.plan.column_effort", "assessment.plan.column_items"].map(function (key) {
            return h("th", { scope: "col" }, t(key));
          }))),
          h("tbody", null, phase.practices.map(function (pid) { return self.row(lines[pid], lines); })))));
    });
  };

  PlanView.prototype.row = function (line, lines) {
    var style = this.app.linkStyle;
    var href = HA.practiceHref(style.prefix + line.url, style);
    return h("tr", { "data-practice": line.practice, "data-order": line.order, "data-phase": line.phase, "data-reason": line.reason },
      h("td", null, String(line.order)),
      h("td", null,
        href ? h("a", { href: href, class: "ha-plan-practice" }, line.title) : line.title,
        line.requires.length ? h("span", { class: "ha-plan-after" }, t("assessment.plan.after", {
          practices: line.requires.map(function (r) { return lines[r].title; }).join(", ") })) : null,
        line.reason === "prerequisite" ? h("span", { class: "ha-plan-prereq" }, t("assessment.plan.prerequisite")) : null),
      h("td", null, line.dimension_name),
      h("td", null, line.level_number + " " + line.level_name),
      h("td", { class: "ha-plan-owners" }, line.owner_names.join(", ")),
      h("td", null, line.effort_label, h("span", { class: "ha-plan-pw" }, " " + t("assessment.plan.person_weeks", { count: line.person_weeks }))),
      h("td", null, h("ul", { class: "ha-plan-items" }, line.items.map(function (item) {
        return h("li", { "data-item": item.id },
          h("code", { class: "ha-id" }, item.id), " ",
          h("span", { class: "ha-prio ha-prio-" + HA.slug(item.priority) }, item.priority), " ",
          h("span", { class: "ha-plan-item-text" }, HA.prose(item.text)));
      }))));
  };

  // The address of the site's root, for absolute links in the exported files.
  PlanView.prototype.siteUrl = function () {
    return new URL(this.app.linkStyle.prefix || "./", location.href).href;
  };

  PlanView.prototype.exportAs = function (format) {
    var plan = this.plan;
    if (!plan) return;
    var writers = {
      md: [HA.planMarkdown, "md", "text/markdown"],
      csv: [HA.planCsv, "csv", "text/csv"],
      json: [HA.planJson, "json", "application/json"]
    };
    var w = writers[format];
    var name = "plan-" + HA.slug(plan.team || plan.handbook) + "-" + new Date().toISOString().slice(0, 10) + "." + w[1];
    HA.download(name, w[0](plan, this.siteUrl()), w[2] + ";charset=utf-8");
    this.app.message(HA.tn("assessment.plan.exported", plan.lines.length, { file: name }));
  };

  // The plan alone on paper: a class on <html> switches the print stylesheet to the plan.
  PlanView.prototype.print = function () {
    var root = document.documentElement;
    root.classList.add(PRINT_CLASS);
    var done = function () {
      root.classList.remove(PRINT_CLASS);
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
  };

  HA.addSection({ id: "ha-plan", title: t("assessment.plan.heading"), order: 15, create: function (app) { return new PlanView(app); } });
})(window.HandbookAssessment = window.HandbookAssessment || {});

/* Self-assessment, the plan as files: Markdown, CSV (Summary, Description, Labels, Priority,
 * Phase, for Jira's and GitHub's importers: see docs/plan.md) and JSON. Every word comes from the
 * catalogue (assessment.planexport.*, and the Plan section's column labels).
 *
 * The same text as macros/planexport.py writes for `handbook plan`, byte for byte: a browser
 * test compares them. Plain functions of a plan (plan.js) and the site's address.
 */
(function (HA) {
  "use strict";

  var t = HA.t;
  var tn = HA.tn;
  // The CSV's columns, as keys: assessment.planexport.csv_<column> is the header (in English the
  // names Jira's and GitHub's importers map: Summary, Description, Labels, Priority, Phase).
  var CSV_COLUMNS = ["summary", "description", "labels", "priority", "phase"];
  var CSV_PRIORITIES = ["high", "medium", "low"];

  function num(value) {
    return String(value); // the shortest round-trip form, as Python's repr
  }

  // Text for a Markdown table cell: no raw HTML, no table breaks, one line.
  function mdText(value) {
    return String(value).replace(/[ \t\r\n]+/g, " ").replace(/^ +| +$/g, "")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|");
  }

  // RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled.
  function csvField(value) {
    value = String(value);
    return /[,"\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  function byId(plan) {
    var out = {};
    plan.lines.forEach(function (line) { out[line.practice] = line; });
    return out;
  }

  function summary(plan) {
    return t("assessment.planexport.summary", {
      practices: tn("assessment.planexport.practices", plan.lines.length), person_weeks: num(plan.total_person_weeks),
      phases: tn("assessment.planexport.phases", plan.phases.length), weeks: plan.total_weeks,
      capacity: num(plan.capacity), phase_weeks: plan.phase_weeks, handbook: plan.handbook, data_version: plan.data_version
    });
  }

  function targetLines(plan) {
    return plan.dimensions.map(function (d) {
      return t("assessment.planexport.target", { dimension: d.name, target: d.target, achieved: d.achieved });
    });
  }

  function phaseTitle(plan, phase) {
    var text = t("assessment.planexport.phase_title", { number: phase.number, start: phase.start_week, end: phase.end_week,
      person_weeks: num(phase.person_weeks), capacity: num(plan.capacity) });
    if (phase.oversized) text += " " + t("assessment.planexport.oversized", { weeks: phase.end_week - phase.start_week + 1 });
    return text;
  }

  function effortText(line) {
    return line.effort_label + " " + t("assessment.plan.person_weeks", { count: num(line.person_weeks) });
  }

  function planMarkdown(plan, siteUrl) {
    var lines = byId(plan);
    var title = t("assessment.planexport.title", { name: plan.team || plan.handbook });
    var out = ["# " + mdText(title), "", mdText(summary(plan)), "", t("assessment.planexport.targets"), ""];
    targetLines(plan).forEach(function (line) { out.push("- " + mdText(line)); });
    out.push("");
    if (!plan.lines.length) out.push(t("assessment.plan.nothing_to_do"), "");
    var columns = ["assessment.plan.column_order", "column.practice", "column.dimension", "column.level", "column.owners",
      "assessment.plan.column_effort", "assessment.plan.column_items"].map(function (key) { return mdText(t(key)); });
    plan.phases.forEach(function (phase) {
      out.push("## " + mdText(phaseTitle(plan, phase)), "",
        "| " + columns.join(" | ") + " |",
        "|" + columns.map(function () { return "---"; }).join("|") + "|");
      phase.practices.forEach(function (pid) {
        var line = lines[pid];
        var practice = "[" + mdText(line.title) + "](" + siteUrl + line.url + ")";
        if (line.requires.length) {
          practice += "<br>" + t("assessment.plan.after", { practices: line.requires.map(function (r) { return mdText(lines[r].title); }).join(", ") });
        }
        if (line.reason === "prerequisite") practice += "<br>(" + t("assessment.plan.prerequisite") + ")";
        var items = line.items.map(function (i) { return "`" + i.id + "` (" + HA.priorityLabel(i.priority) + ") " + mdText(i.text); }).join("<br>");
        out.push("| " + [
          String(line.order), practice, mdText(line.dimension_name),
          mdText(line.level_number + " " + line.level_name), mdText(line.owner_names.join(", ")),
          mdText(effortText(line)), items
        ].join(" | ") + " |");
      });
      out.push("");
    });
    return out.join("\n");
  }

  function planCsv(plan, siteUrl) {
    var lines = byId(plan);
    var rows = [CSV_COLUMNS.map(function (column) { return t("assessment.planexport.csv_" + column); })];
    plan.lines.forEach(function (line) {
      var description = [
        t("assessment.planexport.csv_where", { dimension: line.dimension_name, number: line.level_number, level: line.level_name,
          effort: effortText(line) }),
        t("assessment.planexport.csv_owners", { owners: line.owner_names.join(", ") })
      ];
      if (line.requires.length) {
        description.push(t("assessment.planexport.csv_after", { practices: line.requires.map(function (r) { return lines[r].title; }).join(", ") }));
      }
      if (line.reason === "prerequisite") description.push(t("assessment.planexport.csv_prerequisite"));
      description.push(t("assessment.planexport.csv_items"));
      line.items.forEach(function (i) {
        description.push(t("assessment.planexport.csv_item", { id: i.id, priority: HA.priorityLabel(i.priority), text: i.text,
          done_looks_like: i.done_looks_like }));
      });
      description.push(t("assessment.planexport.csv_practice", { url: siteUrl + line.url }));
      var labels = ["maturity-plan", line.dimension, line.level, "phase-" + line.phase];
      var priority = CSV_PRIORITIES.indexOf(line.priority) >= 0 ? line.priority : "medium";
      rows.push([line.title, description.join("\n"), labels.join(" "),
        t("assessment.planexport.csv_priority_" + priority), t("assessment.planexport.csv_phase_number", { number: line.phase })]);
    });
    return rows.map(function (row) { return row.map(csvField).join(",") + "\r\n"; }).join("");
  }

  function planJson(plan, siteUrl) {
    var out = { site_url: siteUrl };
    Object.keys(plan).forEach(function (key) { out[key] = plan[key]; });
    return JSON.stringify(out, null, 2) + "\n";
  }

  HA.planMarkdown = planMarkdown;
  HA.planCsv = planCsv;
  HA.planJson = planJson;
  HA.planSummary = summary;
  HA.planPhaseTitle = phaseTitle;
  HA.planEffortText = effortText;
  HA.PLAN_CSV_COLUMNS = CSV_COLUMNS;
})(window.HandbookAssessment = window.HandbookAssessment || {});

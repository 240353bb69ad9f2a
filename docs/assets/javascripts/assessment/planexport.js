/* Self-assessment, the plan as files: Markdown, CSV (Summary, Description, Labels, Priority,
 * Phase, for Jira's and GitHub's importers: see docs/plan.md) and JSON.
 *
 * The same text as macros/planexport.py writes for `handbook plan`, byte for byte: a browser
 * test compares them. Plain functions of a plan (plan.js) and the site's address.
 */
(function (HA) {
  "use strict";

  var CSV_COLUMNS = ["Summary", "Description", "Labels", "Priority", "Phase"];
  var CSV_PRIORITY = { high: "High", medium: "Medium", low: "Low" };

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
    var count = plan.lines.length;
    var phases = plan.phases.length;
    return count + " practice" + (count !== 1 ? "s" : "") + ", " + num(plan.total_person_weeks) + " person-weeks, " +
      phases + " phase" + (phases !== 1 ? "s" : "") + " (" + plan.total_weeks + " weeks) at " +
      num(plan.capacity) + " person-weeks per " + plan.phase_weeks + "-week phase. " +
      plan.handbook + ", data version " + plan.data_version + ".";
  }

  function targetLines(plan) {
    return plan.dimensions.map(function (d) { return d.name + ": level " + d.target + " (achieved: " + d.achieved + ")"; });
  }

  function phaseTitle(plan, phase) {
    var text = "Phase " + phase.number + ": weeks " + phase.start_week + " to " + phase.end_week + ", " +
      num(phase.person_weeks) + " of " + num(plan.capacity) + " person-weeks";
    if (phase.oversized) {
      text += " (one practice larger than a phase: it has this phase to itself, " +
        (phase.end_week - phase.start_week + 1) + " weeks)";
    }
    return text;
  }

  function effortText(line) {
    return line.effort_label + " (" + num(line.person_weeks) + " person-weeks)";
  }

  function planMarkdown(plan, siteUrl) {
    var lines = byId(plan);
    var title = plan.team ? "Plan: " + plan.team : "Plan: " + plan.handbook;
    var out = ["# " + mdText(title), "", mdText(summary(plan)), "", "Targets:", ""];
    targetLines(plan).forEach(function (t) { out.push("- " + mdText(t)); });
    out.push("");
    if (!plan.lines.length) out.push("Nothing to do: every item up to the targets is done or not applicable.", "");
    plan.phases.forEach(function (phase) {
      out.push("## " + mdText(phaseTitle(plan, phase)), "",
        "| # | Practice | Dimension | Level | Owners | Effort | Items that prove it done |",
        "|---|---|---|---|---|---|---|");
      phase.practices.forEach(function (pid) {
        var line = lines[pid];
        var practice = "[" + mdText(line.title) + "](" + siteUrl + line.url + ")";
        if (line.requires.length) practice += "<br>after: " + line.requires.map(function (r) { return mdText(lines[r].title); }).join(", ");
        if (line.reason === "prerequisite") practice += "<br>(prerequisite of a target)";
        var items = line.items.map(function (i) { return "`" + i.id + "` (" + i.priority + ") " + mdText(i.text); }).join("<br>");
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
    var rows = [CSV_COLUMNS];
    plan.lines.forEach(function (line) {
      var description = [
        line.dimension_name + ", level " + line.level_number + " " + line.level_name + ". Effort: " + effortText(line) + ".",
        "Owners: " + line.owner_names.join(", ") + "."
      ];
      if (line.requires.length) description.push("After: " + line.requires.map(function (r) { return lines[r].title; }).join(", ") + ".");
      if (line.reason === "prerequisite") description.push("Planned as a prerequisite of a target practice.");
      description.push("Items that prove it done:");
      line.items.forEach(function (i) {
        description.push("- " + i.id + " (" + i.priority + "): " + i.text + " Done looks like: " + i.done_looks_like);
      });
      description.push("Practice: " + siteUrl + line.url);
      var labels = ["maturity-plan", line.dimension, line.level, "phase-" + line.phase];
      rows.push([line.title, description.join("\n"), labels.join(" "),
        CSV_PRIORITY[line.priority] || "Medium", "Phase " + line.phase]);
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

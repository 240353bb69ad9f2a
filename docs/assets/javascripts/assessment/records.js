/* Self-assessment, answer records: the stored value and the exported file share one shape,
 * {schema, handbook, variant, data_version, saved_at, team, answers: {item id: {status, note}}},
 * plus the plan settings when set: targets, capacity, phase_weeks (plan.js checks them).
 * Checks, normalising and merging are plain functions: a refused record changes nothing.
 */
(function (HA) {
  "use strict";

  var has = HA.has;
  var isObject = HA.isObject;
  var STATUSES = HA.STATUSES;

  // Known items keep only non-default answers; answers for unknown items are kept as they are.
  function normaliseAnswers(model, answers) {
    var out = {};
    Object.keys(answers).forEach(function (id) {
      var a = answers[id];
      var entry = { status: a.status, note: typeof a.note === "string" ? a.note : "" };
      if (has(model.byId, id) && entry.status === "not-started" && entry.note === "") return;
      out[id] = entry;
    });
    return out;
  }

  function entries(answers) {
    var out = {};
    Object.keys(answers).forEach(function (id) {
      var a = answers[id];
      out[id] = { status: a.status, note: typeof a.note === "string" ? a.note : "" };
    });
    return out;
  }

  // Merge: every answer of the incoming record wins for its item (an explicit "not started" too); others are kept.
  function mergeAnswers(model, current, incoming) {
    return normaliseAnswers(model, Object.assign({}, current, incoming));
  }

  // Checks a parsed answers file (export or stored value). Returns {answers, team, ...} or {error}.
  function checkRecord(model, obj) {
    if (!isObject(obj)) return { error: "it is not a JSON object with an \u201canswers\u201d field" };
    if (has(obj, "schema") && (typeof obj.schema !== "number" || obj.schema > model.schema || obj.schema < 1)) {
      return { error: "it uses answer format version " + JSON.stringify(obj.schema) + ", and this page reads version " + model.schema };
    }
    if (!has(obj, "answers")) return { error: "it has no \u201canswers\u201d object" };
    if (!isObject(obj.answers)) return { error: "its \u201canswers\u201d field is not an object of item id \u2192 {status, note}" };
    var bad = [];
    Object.keys(obj.answers).forEach(function (id) {
      var a = obj.answers[id];
      if (!isObject(a)) bad.push(id + " (not an object)");
      else if (STATUSES.indexOf(a.status) < 0) bad.push(id + " (status " + JSON.stringify(a.status === undefined ? null : a.status) + ")");
      else if (has(a, "note") && a.note !== null && typeof a.note !== "string") bad.push(id + " (note is not text)");
    });
    if (bad.length) {
      return {
        error: HA.plural(bad.length, "answer is", "answers are") + " not valid: " + bad.slice(0, 5).join(", ") +
          (bad.length > 5 ? ", \u2026" : "") + ". A status must be one of " + STATUSES.join(", ")
      };
    }
    var plan = HA.checkPlanSettings(model, obj);
    if (plan.error) return { error: "its plan settings are not valid: " + plan.error };
    return {
      plan: plan,
      answers: normaliseAnswers(model, obj.answers),
      all: entries(obj.answers), // every answer of the file, "not started" ones included (they override when merging)
      team: typeof obj.team === "string" ? obj.team : "",
      handbook: typeof obj.handbook === "string" ? obj.handbook : "",
      variant: typeof obj.variant === "string" ? obj.variant : ""
    };
  }

  function parseRecord(model, text) {
    var obj;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      return { error: "it is not a JSON file" };
    }
    return checkRecord(model, obj);
  }

  // The record written to storage and to exported files.
  function makeRecord(model, answers, team, planSettings) {
    var rec = {
      schema: model.schema,
      handbook: model.data.handbook,
      variant: model.data.variant || "",
      data_version: model.data.data_version,
      saved_at: new Date().toISOString(),
      answers: answers
    };
    if (team) rec.team = team;
    var plan = HA.planFields(planSettings);
    Object.keys(plan).forEach(function (key) { rec[key] = plan[key]; });
    return rec;
  }

  function orphanText(ids) {
    var shown = ids.slice(0, 20).join(", ") + (ids.length > 20 ? ", \u2026" : "");
    return ids.length === 1
      ? "1 answer is for an item no longer in this handbook: " + shown + "."
      : ids.length + " answers are for items no longer in this handbook: " + shown + ".";
  }

  HA.normaliseAnswers = normaliseAnswers;
  HA.mergeAnswers = mergeAnswers;
  HA.checkRecord = checkRecord;
  HA.parseRecord = parseRecord;
  HA.makeRecord = makeRecord;
  HA.orphanText = orphanText;
})(window.HandbookAssessment = window.HandbookAssessment || {});

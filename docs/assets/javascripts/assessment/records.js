/* Self-assessment, answer records: the stored value and the exported file share one shape,
 *
 *   {schema: 2, handbook, variant, variant_name, data_version, saved_at, team,
 *    answers: {item id: {status, note, links: [url], assessor, date: "YYYY-MM-DD"}},
 *    snapshots: [{date, label, answers: {item id: status}}],
 *    item_fingerprints: {item id: fingerprint of its text when these answers were made},
 *    consensus: {date, participants: [{name, answers: {item id: status}}]},
 *    targets, capacity, phase_weeks (the plan settings when set; plan.js checks them)}
 *
 * Schema 1 records (no evidence, snapshots or fingerprints) are read as they are. Checks,
 * normalising and merging are plain functions: a refused record changes nothing.
 */
(function (HA) {
  "use strict";

  var has = HA.has;
  var isObject = HA.isObject;
  var STATUSES = HA.STATUSES;
  var t = HA.t;
  var MAX_TEXT = 5000;

  function isDate(value) {
    if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    var d = new Date(value + "T00:00:00Z");
    return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
  }

  function today() {
    return new Date().toISOString().slice(0, 10);
  }

  function isWebLink(value) {
    return /^https?:\/\/[^\s]+$/i.test(String(value || ""));
  }

  // One answer with only the fields that carry something: {status, note} always, the evidence when given.
  function cleanAnswer(a) {
    var out = { status: a.status, note: typeof a.note === "string" ? a.note : "" };
    var links = Array.isArray(a.links) ? a.links.filter(function (l) { return typeof l === "string" && l.trim(); }) : [];
    if (links.length) out.links = links.map(function (l) { return l.trim(); });
    if (typeof a.assessor === "string" && a.assessor) out.assessor = a.assessor;
    if (typeof a.date === "string" && a.date) out.date = a.date;
    return out;
  }

  function isEmpty(a) {
    return a.status === "not-started" && !a.note && !a.links && !a.assessor;
  }

  // Known items keep only non-default answers; answers for unknown items are kept as they are.
  function normaliseAnswers(model, answers) {
    var out = {};
    Object.keys(answers).forEach(function (id) {
      var entry = cleanAnswer(answers[id]);
      if (has(model.byId, id) && isEmpty(entry)) return;
      out[id] = entry;
    });
    return out;
  }

  function entries(answers) {
    var out = {};
    Object.keys(answers).forEach(function (id) { out[id] = cleanAnswer(answers[id]); });
    return out;
  }

  // Merge: every answer of the incoming record wins for its item (an explicit "not started" too); others are kept.
  function mergeAnswers(model, current, incoming) {
    return normaliseAnswers(model, Object.assign({}, current, incoming));
  }

  // Merge snapshots: one per date and label, sorted by date.
  function mergeSnapshots(current, incoming) {
    var seen = {};
    return current.concat(incoming).filter(function (snap) {
      var key = snap.date + "\u0000" + snap.label;
      if (seen[key]) return false;
      seen[key] = true;
      return true;
    }).sort(function (a, b) { return a.date < b.date ? -1 : a.date > b.date ? 1 : 0; });
  }

  function answerProblem(a) {
    if (!isObject(a)) return t("assessment.records.not_an_object");
    if (STATUSES.indexOf(a.status) < 0) return t("assessment.records.bad_status", { status: JSON.stringify(a.status === undefined ? null : a.status) });
    if (has(a, "note") && a.note !== null && typeof a.note !== "string") return t("assessment.records.note_not_text");
    if (typeof a.note === "string" && a.note.length > MAX_TEXT) return t("assessment.records.note_too_long", { max: MAX_TEXT });
    if (has(a, "links") && (!Array.isArray(a.links) || a.links.some(function (l) { return typeof l !== "string" || l.length > 2000; }))) {
      return t("assessment.records.bad_links");
    }
    if (has(a, "assessor") && typeof a.assessor !== "string") return t("assessment.records.assessor_not_text");
    if (has(a, "date") && a.date !== "" && !isDate(a.date)) return t("assessment.records.bad_date", { date: JSON.stringify(a.date) });
    if (has(a, "date") && a.date > today()) return t("assessment.records.future_date", { date: a.date });
    return null;
  }

  function statusMapProblem(map) {
    if (!isObject(map)) return t("assessment.records.statuses_not_object");
    var bad = Object.keys(map).filter(function (id) { return STATUSES.indexOf(map[id]) < 0; });
    return bad.length ? t("assessment.records.unknown_status", { ids: bad.slice(0, 3).join(", ") }) : null;
  }

  function snapshotsProblem(snaps) {
    if (!Array.isArray(snaps)) return t("assessment.records.snapshots_not_list");
    for (var i = 0; i < snaps.length; i++) {
      var sn = snaps[i];
      if (!isObject(sn)) return t("assessment.records.snapshot_not_object", { number: i + 1 });
      if (!isDate(sn.date)) return t("assessment.records.snapshot_bad_date", { number: i + 1, date: JSON.stringify(sn.date === undefined ? null : sn.date) });
      if (has(sn, "label") && typeof sn.label !== "string") return t("assessment.records.snapshot_bad_label", { number: i + 1 });
      var p = statusMapProblem(sn.answers);
      if (p) return t("assessment.records.snapshot_bad_answers", { number: i + 1, problem: p });
    }
    return null;
  }

  // Checks a parsed answers file (export or stored value). Returns {answers, team, ...} or {error}.
  function checkRecord(model, obj) {
    if (!isObject(obj)) return { error: t("assessment.records.not_a_record") };
    // Proposals from `handbook evidence` are reviewed item by item (proposals.js), never imported whole.
    if (has(obj, "proposals")) return { error: t("assessment.records.holds_proposals", { section: t("assessment.proposals.heading") }) };
    if (has(obj, "schema") && (typeof obj.schema !== "number" || obj.schema > model.schema || obj.schema < 1)) {
      return { error: t("assessment.records.bad_schema", { schema: JSON.stringify(obj.schema), max: model.schema }) };
    }
    if (!has(obj, "answers")) return { error: t("assessment.records.no_answers") };
    if (!isObject(obj.answers)) return { error: t("assessment.records.answers_not_object", { shape: "{status, note}" }) };
    var bad = [];
    Object.keys(obj.answers).forEach(function (id) {
      var p = answerProblem(obj.answers[id]);
      if (p) bad.push(id + " (" + p + ")");
    });
    if (bad.length) {
      return {
        error: HA.tn("assessment.records.bad_answers", bad.length, {
          answers: bad.slice(0, 5).join(", ") + (bad.length > 5 ? ", \u2026" : ""), statuses: STATUSES.join(", ") })
      };
    }
    if (obj.team !== undefined && obj.team !== null && typeof obj.team !== "string") return { error: t("assessment.records.team_not_text") };
    if (has(obj, "snapshots")) {
      var sp = snapshotsProblem(obj.snapshots);
      if (sp) return { error: sp };
    }
    if (has(obj, "item_fingerprints") && !isObject(obj.item_fingerprints)) return { error: t("assessment.records.field_not_object", { field: "item_fingerprints" }) };
    if (has(obj, "consensus") && !isObject(obj.consensus)) return { error: t("assessment.records.field_not_object", { field: "consensus" }) };
    var plan = HA.checkPlanSettings(model, obj);
    if (plan.error) return { error: t("assessment.records.bad_plan", { problem: plan.error }) };
    return {
      plan: plan,
      answers: normaliseAnswers(model, obj.answers),
      all: entries(obj.answers), // every answer of the file, "not started" ones included (they override when merging)
      team: typeof obj.team === "string" ? obj.team : "",
      handbook: typeof obj.handbook === "string" ? obj.handbook : "",
      variant: typeof obj.variant === "string" ? obj.variant : "",
      dataVersion: typeof obj.data_version === "string" ? obj.data_version : "",
      fingerprints: isObject(obj.item_fingerprints) ? obj.item_fingerprints : null,
      snapshots: (obj.snapshots || []).map(function (sn) { return { date: sn.date, label: sn.label || "", answers: sn.answers }; }),
      consensus: isObject(obj.consensus) ? obj.consensus : null
    };
  }

  function parseRecord(model, text) {
    var obj;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      return { error: t("assessment.records.not_json") };
    }
    return checkRecord(model, obj);
  }

  // The record written to storage and to exported files, from the app's state.
  function makeRecord(model, state) {
    var rec = {
      schema: model.schema,
      handbook: model.data.handbook,
      variant: model.data.variant || "",
      variant_name: model.data.variant_name || "",
      data_version: state.baseline ? state.baseline.dataVersion : model.data.data_version,
      saved_at: new Date().toISOString(),
      answers: state.answers
    };
    if (state.team) rec.team = state.team;
    if (state.snapshots && state.snapshots.length) rec.snapshots = state.snapshots;
    if (state.consensus) rec.consensus = state.consensus;
    var plan = HA.planFields(state.planSettings);
    Object.keys(plan).forEach(function (key) { rec[key] = plan[key]; });
    var fingerprints = state.baseline ? state.baseline.fingerprints : model.fingerprints();
    if (fingerprints) rec.item_fingerprints = fingerprints;
    return rec;
  }

  // A record made against another data version keeps that version and its item fingerprints
  // (null for schema 1 records) until the changes since are reviewed; otherwise null.
  function baselineOf(model, rec) {
    if (!rec.dataVersion || rec.dataVersion === model.data.data_version) return null;
    return { dataVersion: rec.dataVersion, fingerprints: rec.fingerprints || null };
  }

  function statusesOf(answers) {
    var out = {};
    Object.keys(answers).forEach(function (id) { out[id] = answers[id].status; });
    return out;
  }

  // Several chosen files (compare, consensus) -> Promise of {records: [{name, rec}], problem: text or ""}.
  function readRecordFiles(model, fileList) {
    var files = Array.prototype.slice.call(fileList || []);
    return Promise.all(files.map(function (f) {
      return f.text().then(function (text) { return { name: f.name, rec: parseRecord(model, text) }; },
        function () { return { name: f.name, rec: { error: t("assessment.records.not_read") } }; });
    })).then(function (loaded) {
      var bad = loaded.filter(function (x) { return x.rec.error; });
      return {
        records: loaded.filter(function (x) { return !x.rec.error; }),
        problem: bad.length ? t("assessment.records.left_out", { what: bad.map(function (x) {
          return t("assessment.records.left_out_file", { file: x.name, problem: x.rec.error }); }).join("; ") + "." }) : ""
      };
    });
  }

  function orphanText(ids) {
    var shown = ids.slice(0, 20).join(", ") + (ids.length > 20 ? ", \u2026" : "");
    return HA.tn("assessment.records.orphans", ids.length, { ids: shown });
  }

  HA.isDate = isDate;
  HA.today = today;
  HA.isWebLink = isWebLink;
  HA.cleanAnswer = cleanAnswer;
  HA.normaliseAnswers = normaliseAnswers;
  HA.mergeAnswers = mergeAnswers;
  HA.mergeSnapshots = mergeSnapshots;
  HA.checkRecord = checkRecord;
  HA.parseRecord = parseRecord;
  HA.makeRecord = makeRecord;
  HA.statusesOf = statusesOf;
  HA.baselineOf = baselineOf;
  HA.orphanText = orphanText;
  HA.readRecordFiles = readRecordFiles;
})(window.HandbookAssessment = window.HandbookAssessment || {});

/* Self-assessment, share links: the answers in the URL fragment (never sent to a server). */
(function (HA) {
  "use strict";

  function base64urlEncode(text) {
    var bytes = new TextEncoder().encode(text);
    var bin = "";
    for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function base64urlDecode(value) {
    var b64 = value.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4) b64 += "=";
    var bin = atob(b64);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  }

  // Compact: {"schema":1,"answers":{"id":"done","id2":["in-progress","a note"]},"team":"..."}
  function encodeShare(model, answers, team, planSettings) {
    var compact = {};
    Object.keys(answers).forEach(function (id) {
      var a = answers[id];
      if (a.status === "not-started" && !a.note) return;
      compact[id] = a.note ? [a.status, a.note] : a.status;
    });
    var payload = { schema: model.schema, answers: compact };
    if (team) payload.team = team;
    var plan = HA.planFields(planSettings);
    Object.keys(plan).forEach(function (key) { payload[key] = plan[key]; });
    return base64urlEncode(JSON.stringify(payload));
  }

  function shareFragment() {
    var m = /^#share=([A-Za-z0-9_-]*)$/.exec(location.hash);
    return m ? m[1] : null;
  }

  function decodeShare(model, fragment) {
    var obj;
    try {
      obj = JSON.parse(base64urlDecode(fragment));
    } catch (e) {
      return { error: "the link is damaged (it could not be decoded)" };
    }
    if (!HA.isObject(obj) || !HA.isObject(obj.answers)) return { error: "the link holds no answers" };
    var answers = {};
    Object.keys(obj.answers).forEach(function (id) {
      var v = obj.answers[id];
      if (typeof v === "string") answers[id] = { status: v, note: "" };
      else if (Array.isArray(v)) answers[id] = { status: v[0], note: v[1] };
      else answers[id] = v;
    });
    return HA.checkRecord(model, { schema: obj.schema, answers: answers, team: obj.team,
      targets: obj.targets, capacity: obj.capacity, phase_weeks: obj.phase_weeks });
  }

  function urlWithoutHash() {
    return location.href.split("#")[0];
  }

  HA.encodeShare = encodeShare;
  HA.decodeShare = decodeShare;
  HA.shareFragment = shareFragment;
  HA.urlWithoutHash = urlWithoutHash;
})(window.HandbookAssessment = window.HandbookAssessment || {});

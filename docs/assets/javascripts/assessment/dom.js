/* Self-assessment, DOM and text helpers: elements built from data as text, never as HTML.
 *
 * The self-assessment is a set of classic scripts (not ES modules: module scripts are blocked
 * on pages opened from file://), each adding to one namespace, window.HandbookAssessment, and
 * loaded in order by the page (macros/render/assessment.py, ASSESSMENT_SCRIPTS).
 */
(function (HA) {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function has(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
  }

  // h("p", {class: "x", onclick: fn}, "text", child, [children]): strings become text nodes.
  function h(tag, attrs) {
    var el = document.createElement(tag);
    setAttrs(el, attrs);
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }

  function s(tag, attrs) {
    var el = document.createElementNS(SVG_NS, tag);
    setAttrs(el, attrs);
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }

  function setAttrs(el, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "text") el.textContent = String(value);
      else if (key.slice(0, 2) === "on" && typeof value === "function") el.addEventListener(key.slice(2), value);
      else if (key === "hidden" || key === "disabled" || key === "checked" || key === "open" || key === "multiple") el[key] = true;
      else el.setAttribute(key, value === true ? "" : String(value));
    });
  }

  function append(el, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) child.forEach(function (c) { append(el, c); });
    else if (typeof child === "string" || typeof child === "number") el.appendChild(document.createTextNode(String(child)));
    else el.appendChild(child);
  }

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
  }

  // Prose from the data may hold `code` spans: shown as <code>, everything else stays text.
  function prose(value) {
    var parts = String(value || "").split("`");
    if (parts.length % 2 === 0) return [String(value || "")];
    return parts.map(function (part, i) { return i % 2 ? h("code", null, part) : part; });
  }

  function slug(value) {
    return String(value || "")
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "handbook";
  }

  function esc(value) {
    return String(value === null || value === undefined ? "" : value)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  function proseHtml(value) {
    var parts = String(value || "").split("`");
    if (parts.length % 2 === 0) return esc(value);
    return parts.map(function (part, i) { return i % 2 ? "<code>" + esc(part) + "</code>" : esc(part); }).join("");
  }

  // Element ids from item ids: prefixed, and only characters that are safe everywhere.
  function domId(prefix, value) {
    return "ha-" + prefix + "-" + String(value).replace(/[^A-Za-z0-9_-]/g, "_");
  }

  // A label from the handbook's message catalogue (the "assessment." keys of
  // data/messages/<language>.yml, sent with the page data): t("assessment.plan.heading"), or with
  // placeholders filled, t("assessment.plan.level", {number: 3}). A missing key shows the key.
  function t(key, args) {
    var messages = (window.HANDBOOK_ASSESSMENT || {}).messages || {};
    var text = has(messages, key) ? messages[key] : key;
    return text.replace(/\{([a-z_]+)\}/g, function (whole, name) {
      return args && has(args, name) ? String(args[name]) : whole;
    });
  }

  // A text with a count: the key's ".one" entry for 1, its ".other" entry otherwise (English and
  // German have these two forms), {count} filled: tn("assessment.records.answers", 3) -> "3 answers".
  function tn(key, count, args) {
    var all = { count: count };
    if (args) Object.keys(args).forEach(function (name) { all[name] = args[name]; });
    return t(key + (count === 1 ? ".one" : ".other"), all);
  }

  // Offers a file to download: the browser's own "save as", nothing leaves the machine.
  function download(name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = h("a", { href: url, download: name, hidden: true });
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  HA.isObject = isObject;
  HA.has = has;
  HA.h = h;
  HA.s = s;
  HA.append = append;
  HA.clear = clear;
  HA.prose = prose;
  HA.slug = slug;
  HA.esc = esc;
  HA.proseHtml = proseHtml;
  HA.domId = domId;
  HA.t = t;
  HA.tn = tn;
  HA.download = download;
})(window.HandbookAssessment = window.HandbookAssessment || {});

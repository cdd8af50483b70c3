// The console's only script of its own (no inline script anywhere: the CSP forbids it).
// The live transcript may send a line again (a reconnect, or a status that changed): the
// newest copy wins and the older one goes.
document.addEventListener("htmx:afterSwap", function (event) {
  var list = event.target;
  if (!list || list.id !== "transcript") return;
  var items = list.querySelectorAll("li[id]");
  var last = {};
  items.forEach(function (item) { last[item.id] = item; });
  items.forEach(function (item) { if (last[item.id] !== item) item.remove(); });
  if (list.lastElementChild) list.lastElementChild.scrollIntoView({block: "nearest"});
});

// After a reply or a note has gone, the composer is emptied for the next one.
document.addEventListener("htmx:afterRequest", function (event) {
  var form = event.target.closest ? event.target.closest("form.composer") : null;
  if (!form || !event.detail.successful) return;
  var text = form.querySelector("#composer-text");
  if (text) text.value = "";
});

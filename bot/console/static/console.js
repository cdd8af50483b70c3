// The console's only script of its own (no inline script anywhere: the CSP forbids it).
// A reconnected event stream may resend lines the page already shows: keep the first of each.
document.addEventListener("htmx:afterSwap", function (event) {
  var list = event.target;
  if (!list || list.id !== "transcript") return;
  var seen = {};
  list.querySelectorAll("li[id]").forEach(function (item) {
    if (seen[item.id]) item.remove();
    else seen[item.id] = true;
  });
  list.lastElementChild && list.lastElementChild.scrollIntoView({block: "nearest"});
});

import { createHash } from "node:crypto";

/** The table's sorting: the only script on the page. Rows tie-break by team name. */
export const SORT_SCRIPT = `(function () {
  var table = document.getElementById("teams");
  if (!table) return;
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var body = table.tBodies[0];
  function key(row, col, numeric) {
    var cell = row.cells[col];
    var value = cell.getAttribute("data-sort");
    if (value === null) value = cell.textContent.trim();
    return numeric ? Number(value) : value.toLowerCase();
  }
  headers.forEach(function (th, col) {
    var button = th.querySelector("button");
    if (!button) return;
    button.addEventListener("click", function () {
      var numeric = th.getAttribute("data-type") === "number";
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a, col, numeric), y = key(b, col, numeric);
        var c = numeric ? x - y : x < y ? -1 : x > y ? 1 : 0;
        if (c === 0) return key(a, 0, false) < key(b, 0, false) ? -1 : 1;
        return ascending ? c : -c;
      });
      headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();`;

/** The script's hash, which the page's Content-Security-Policy allows and nothing else. */
export const SORT_SCRIPT_HASH = createHash("sha256").update(SORT_SCRIPT).digest("base64");

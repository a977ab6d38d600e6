// The HTML report's inline style sheet and its one small script. Neither contains `<` or `&`,
// so the page stays well-formed XML; the script is also wrapped in a commented CDATA section.

extension HTMLPage {
    static let css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; color: #1a1a1a; background: #fff;
          font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "DejaVu \
        Sans", sans-serif; }
        header.page, main, footer { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
        header.page { padding-top: 20px; border-bottom: 1px solid #d0d4da; }
        h1 { font-size: 1.7rem; margin: 0 0 4px; }
        h2 { font-size: 1.35rem; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #1d3557; }
        h3 { font-size: 1.12rem; margin: 24px 0 6px; }
        h4 { font-size: 1rem; margin: 18px 0 4px; }
        code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: \
        0.9em; }
        a { color: #0b4f8a; }
        a:focus-visible, button:focus-visible { outline: 3px solid #f4a261; outline-offset: 2px; }
        .meta, .sub, .note { color: #4a4f55; }
        .sub { font-size: 0.86em; font-weight: 400; }
        .skip { position: absolute; left: -9999px; }
        .skip:focus { left: 8px; top: 8px; background: #fff; padding: 6px 10px; z-index: 10; }
        nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 18px; padding: 0; margin: 10px 0 12px; }
        .sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: \
        rect(0 0 0 0); white-space: nowrap; border: 0; }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0 18px; padding: 0; }
        .cards div { border: 1px solid #d0d4da; border-radius: 6px; padding: 8px 16px; min-width: 150px; }
        .cards div.bad { border-color: #b3261e; border-width: 2px; }
        .cards dt { font-size: 0.85em; color: #4a4f55; }
        .cards dd { margin: 0; font-size: 1.6rem; font-weight: 700; font-variant-numeric: tabular-nums; }
        table.data { border-collapse: collapse; width: 100%; margin: 10px 0 18px; font-size: 0.93em; }
        table.data caption { text-align: left; font-weight: 600; padding: 4px 0 6px; caption-side: top; }
        table.data th, table.data td { border-bottom: 1px solid #dde1e6; padding: 5px 8px; text-align: left; \
        vertical-align: top; }
        table.data thead th { background: #eef1f5; border-bottom: 2px solid #9aa3ad; white-space: nowrap; }
        table.data tbody th { font-weight: 600; }
        table.data .num { text-align: right; font-variant-numeric: tabular-nums; }
        table.thresholds td.num, table.movers td.nowrap, td.date { white-space: nowrap; }
        table.data td.bad { color: #8b1a10; font-weight: 700; }
        table.data td.changed { font-weight: 700; background: #fff4e0; }
        table.data tr.notes td { border-top: 0; color: #4a4f55; font-size: 0.9em; padding-top: 0; }
        table.sortable tbody tr:hover { background: #f6f8fb; }
        th button.sort { font: inherit; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; \
        text-decoration: underline dotted; }
        th[aria-sort="ascending"] button.sort::after { content: " ▲"; }
        th[aria-sort="descending"] button.sort::after { content: " ▼"; }
        .sort-hint { display: none; font-weight: 400; color: #4a4f55; }
        .js .sort-hint { display: inline; }
        .badge { display: inline-block; padding: 0 7px; border-radius: 10px; border: 1px solid; font-size: 0.85em; \
        font-weight: 600; white-space: nowrap; }
        .s-bad { background: #fdecea; color: #8b1a10; border-color: #b3261e; }
        .s-warn { background: #fff4e0; color: #7a4100; border-color: #b86e00; }
        .s-unknown { background: #f3ebfa; color: #5b2a86; border-color: #7e57c2; border-style: dashed; }
        .s-good { background: #e8f5ec; color: #1e5631; border-color: #2e7d32; }
        .s-none { background: #f2f3f5; color: #3c4043; border-color: #9aa0a6; }
        .tag { font-size: 0.8em; border: 1px solid #b86e00; color: #7a4100; border-radius: 3px; padding: 0 4px; }
        section.profile { border-top: 1px solid #d0d4da; margin-top: 28px; }
        h2 + section.profile { border-top: 0; margin-top: 0; }
        section.pack { margin-left: 12px; }
        .errors { border-left: 4px solid #b3261e; background: #fdecea; padding: 4px 12px; }
        .errors pre { background: #fff; padding: 6px; overflow-x: auto; }
        .back { font-size: 0.9em; }
        figure.chart-figure { margin: 20px 0 30px; }
        figure.chart-figure h3 { margin: 0 0 4px; }
        .unit { font-weight: 400; color: #4a4f55; }
        .chart-scroll { overflow-x: auto; }
        svg.chart { display: block; width: 100%; min-width: 720px; height: auto;
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, "DejaVu Sans", sans-serif; font-size: \
        12px; }
        svg.chart .zebra rect { fill: #f4f6f9; }
        svg.chart .grid line { stroke: #cfd5dc; stroke-width: 1; }
        svg.chart .tick { fill: #3c4043; font-size: 12px; }
        svg.chart .axis-title { fill: #3c4043; font-size: 12px; font-style: italic; }
        svg.chart .row-label { fill: #1a1a1a; }
        svg.chart .value { fill: #2b2f33; font-variant-numeric: tabular-nums; }
        svg.chart .limit line { stroke-width: 2; }
        svg.chart .limit text { font-weight: 700; font-size: 12px; paint-order: stroke; stroke: #fff; stroke-width: \
        4px; stroke-linejoin: round; }
        .limit-0 line, line.limit-0 { stroke: #9b2226; }   .limit-0 text { fill: #9b2226; }
        .limit-1 line, line.limit-1 { stroke: #005f73; stroke-dasharray: 8 4; } .limit-1 text { fill: #005f73; }
        .limit-2 line, line.limit-2 { stroke: #5a3d8a; stroke-dasharray: 2 3; } .limit-2 text { fill: #5a3d8a; }
        .limit-3 line, line.limit-3 { stroke: #7c4a03; stroke-dasharray: 10 3 2 3; } .limit-3 text { fill: #7c4a03; }
        .limit-4 line, line.limit-4 { stroke: #2d6a4f; stroke-dasharray: 1 3; } .limit-4 text { fill: #2d6a4f; }
        .proposed line, line.proposed { stroke: #c2410c; stroke-width: 3.5; stroke-dasharray: 12 5; } .proposed text { \
        fill: #9a3412; }
        svg.chart .proposed .shift { stroke: #c2410c; stroke-width: 2; fill: none; }
        svg.chart .proposed .shift-head { fill: #c2410c; }
        svg.chart .point.decided circle, .sw-decided { fill: #1d3557; stroke: #fff; stroke-width: 1.5; }
        svg.chart .point.indeterminate path, .sw-indeterminate { fill: #fff; stroke: #6a1b9a; stroke-width: 2.2; }
        svg.chart .point.indeterminate text { fill: #6a1b9a; font-weight: 700; font-size: 10px; }
        svg.chart .point.missing rect, .sw-missing { fill: #fff; stroke: #4a4f55; stroke-width: 1.5; stroke-dasharray: \
        2 2; }
        svg.chart .point.missing text { fill: #4a4f55; font-style: italic; }
        svg.chart .point .arrow { fill: #1d3557; }
        svg.chart .point.condition-not-met circle, .sw-condition-not-met { fill: #fff; stroke: #1d3557; stroke-width: \
        2.2; }
        svg.chart .point2.decided path { fill: #457b9d; stroke: #fff; stroke-width: 1; }
        svg.chart .point2.condition-not-met path { fill: #fff; stroke: #457b9d; stroke-width: 1.6; }
        svg.chart .point2.indeterminate path { fill: #fff; stroke: #6a1b9a; stroke-width: 1.6; }
        svg.chart .range line, .sw-range { stroke: #6a1b9a; stroke-width: 2.5; fill: none; }
        svg.chart .connector { stroke: #457b9d; stroke-width: 1.2; stroke-dasharray: 3 2; }
        .legend { font-size: 0.88em; display: flex; flex-wrap: wrap; gap: 4px 28px; }
        .legend ul { list-style: none; padding: 0; margin: 6px 0; }
        .legend li { margin: 2px 0; }
        .legend ul.marks { max-width: 34em; }
        .mark-notes { font-size: 0.85em; color: #3c4043; margin: 2px 0 6px; }
        .mark-notes summary { cursor: pointer; font-weight: 600; }
        .mark-notes ul { margin: 4px 0; padding-left: 1.4em; }
        .would { color: #4a4f55; font-style: italic; }
        svg.swatch { width: 16px; height: 16px; vertical-align: -3px; overflow: visible; }
        svg.swatch.wide { width: 32px; }
        .sw-line { stroke-width: 2.5; }
        footer { margin-top: 40px; padding-top: 10px; padding-bottom: 30px; border-top: 1px solid #d0d4da; font-size: \
        0.85em; color: #4a4f55; }
        @media print {
          body { font-size: 9.5pt; }
          header.page, main, footer { max-width: none; padding: 0; }
          nav, .skip, .back, .sort-hint { display: none; }
          a { color: inherit; text-decoration: none; }
          h2 { break-after: avoid; page-break-after: avoid; }
          h3, h4, caption { break-after: avoid; page-break-after: avoid; }
          figure.chart-figure, tr, .cards div { break-inside: avoid; page-break-inside: avoid; }
          section.profile { break-before: page; page-break-before: always; }
          thead { display: table-header-group; }
          .chart-scroll { overflow: visible; }
          .mark-notes summary { list-style: none; }
          svg.chart { min-width: 0; }
          table.data thead th { background: #eee; }
          .badge { border-width: 1.5px; }
        }
        """

    /// Adds sort buttons to the status table's headings; the page is complete without it.
    static let script = """
        (function () {
          var table = document.getElementById("status-table");
          if (!table || !table.tHead || !table.tBodies.length) { return; }
          document.documentElement.className += " js";
          var heads = table.tHead.rows[0].cells;
          function key(row, column) {
            var cell = row.cells[column];
            var text = cell.getAttribute("data-sort");
            if (text === null) { text = cell.textContent; }
            var number = Number(text);
            return text !== "" ? (isNaN(number) ? text.toLowerCase() : number) : "";
          }
          function compare(a, b) {
            if (typeof a === "number") { if (typeof b === "number") { return a - b; } return -1; }
            if (typeof b === "number") { return 1; }
            return a.localeCompare(b);
          }
          Array.prototype.forEach.call(heads, function (head, column) {
            var button = document.createElement("button");
            button.type = "button";
            button.className = "sort";
            while (head.firstChild) { button.appendChild(head.firstChild); }
            head.appendChild(button);
            button.addEventListener("click", function () {
              var direction = head.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
              Array.prototype.forEach.call(heads, function (other) { other.removeAttribute("aria-sort"); });
              head.setAttribute("aria-sort", direction);
              var body = table.tBodies[0];
              var rows = Array.prototype.slice.call(body.rows);
              rows.sort(function (a, b) {
                var order = compare(key(a, column), key(b, column));
                if (direction === "descending") { order = -order; }
                return order !== 0 ? order : Number(a.getAttribute("data-order")) - \
        Number(b.getAttribute("data-order"));
              });
              rows.forEach(function (row) { body.appendChild(row); });
            });
          });
        })();
        """
}

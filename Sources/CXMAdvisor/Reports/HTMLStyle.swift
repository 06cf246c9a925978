/// The HTML report's style sheet: a readable page on screen (system fonts, at most 60rem wide,
/// colours with enough contrast; the matrix's legend beside it on a wide screen; on a phone,
/// tables stacked and drawings scaled to the screen, their text never under 12 px) and on paper (black on white, no fills that waste ink; the
/// title, summary, first actions and matrix on the first page; recommendations and charts not
/// split across pages).
enum HTMLStyle {
    static let css = """
        :root { color-scheme: light; }
        body { margin: 0; background: #fff; color: #1b1f24;
          font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; overflow-wrap: break-word; }
        header { border-bottom: 2px solid #1b1f24; margin-bottom: 1rem; }
        h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 .25rem; }
        .meta { color: #4d5761; margin: 0 0 .5rem; }
        h2 { font-size: 1.35rem; line-height: 1.3; margin: 2rem 0 .75rem; padding-bottom: .25rem;
          border-bottom: 2px solid #d0d7de; }
        h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
        p { margin: .5rem 0; }
        .summary p:first-of-type { margin-top: 0; }
        .sure, .why, .note, .detail { color: #4d5761; }
        ol.actions { padding-left: 1.5rem; margin: 0; }
        ol.actions li { margin: 0 0 .6rem; }
        table.pairs { border-collapse: collapse; width: 100%; }
        .pairs th, .pairs td { text-align: left; vertical-align: top; padding: .4rem .6rem;
          border-bottom: 1px solid #d8dee4; }
        .pairs th { font-weight: 600; width: 40%; }
        figure { margin: 1.25rem 0; }
        figcaption { font-weight: 600; margin-bottom: .25rem; }
        svg { display: block; width: 100%; height: auto; }
        .matrix figure > svg { max-width: 26rem; }
        .portfolio figure > svg { max-width: 34rem; }
        .chart > svg { max-width: 30rem; }
        svg text { font-family: inherit; font-size: 14px; fill: #1b1f24; }
        svg .note { fill: #4d5761; font-style: italic; }
        .quadrant { stroke: #4d5761; stroke-width: 1; }
        .q0 { fill: #dde9f8; } .q1 { fill: #dcf0e1; } .q2 { fill: #ececec; } .q3 { fill: #f9e8d6; }
        .quadrant-label { font-weight: 700; }
        .aim { fill: none; stroke: #0f5a2a; stroke-width: 4; stroke-dasharray: 10 5; }
        .aim-label, .maybe-label { font-style: italic; }
        .maybe { fill: none; stroke: #0b3d91; stroke-width: 2.5; stroke-dasharray: 2 4; }
        .dot { fill: #0b3d91; stroke: #fff; stroke-width: 2; }
        .arrow { fill: #0b3d91; stroke: #0b3d91; stroke-width: 2.5; }
        .ring { fill: #fff; stroke: #0b3d91; stroke-width: 3; }
        .key circle { fill: #fff; stroke: #7a3e00; stroke-width: 2; }
        .key text { font-weight: 700; fill: #7a3e00; }
        .pdot { fill: #0b3d91; fill-opacity: .55; stroke: #fff; stroke-width: .5; }
        .prange { stroke: #0b3d91; stroke-opacity: .55; stroke-width: 5; stroke-linecap: round; }
        .pnum { font-size: 14px; font-weight: 700; }
        .link { fill: none; stroke: #7a3e00; stroke-width: 1.5; stroke-dasharray: 3 2; }
        .flow-arrow { fill: #0f5a2a; stroke: #0f5a2a; stroke-opacity: .55; fill-opacity: .7; }
        .flow-label { font-weight: 700; fill: #0f5a2a; paint-order: stroke; stroke: #fff; stroke-width: 4px; }
        .wide { overflow-x: auto; }
        table.rows { border-collapse: collapse; width: 100%; font-size: .95rem; }
        .rows th, .rows td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid #d8dee4; }
        .rows thead th { border-bottom: 2px solid #1b1f24; }
        .rows td.n, .rows th.n { text-align: right; }
        .rows tr.firm th { background: #f3f5f7; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 23rem), 1fr)); gap: 0 2rem; }
        .tick { stroke: #4d5761; }
        .axis-label { font-weight: 600; }
        .track { fill: #e6eaef; stroke: #8c959f; stroke-width: 1; }
        .track.unknown { fill: none; stroke-dasharray: 4 3; }
        .bar { fill: #2a62a8; }
        .bar-value { font-weight: 700; }
        .legend { list-style: none; padding: 0; margin: .5rem 0 0; font-weight: 400; }
        .legend li { margin: .25rem 0; }
        .legend svg { display: inline-block; width: 18px; vertical-align: -.2em; margin-right: .35rem; }
        .legend .aim { stroke-width: 2; stroke-dasharray: 4 2; }
        .legend .maybe { stroke-width: 2; }
        .advice { list-style: none; padding: 0; }
        .advice li { border: 1px solid #d0d7de; border-left: 5px solid #4d5761; border-radius: 4px;
          padding: .5rem .9rem; margin: .75rem 0; }
        .advice .detail { margin: .25rem 0 .25rem 1rem; }
        .badge { display: inline-block; margin-right: .4rem; padding: 0 .45rem; border: 1px solid currentColor;
          border-radius: 3px; font-size: .8rem; font-weight: 700; letter-spacing: .03em; text-transform: uppercase; }
        .badge-high { color: #8a1c1c; background: #fde8e8; }
        .badge-medium, .badge-warning { color: #6b4600; background: #fff1cc; }
        .badge-low { color: #24513a; background: #e6f4ea; }
        @media screen and (min-width: 48rem) {
          .matrix figure { display: flex; gap: 1.5rem; align-items: flex-end; }
          .matrix figcaption { flex: 1; }
          .portfolio figure { align-items: flex-start; }
        }
        @media (max-width: 40rem) {
          main { padding: 1rem 1.25rem 2rem; }
          h1 { font-size: 1.5rem; }
          .pairs th, .pairs td { display: block; width: auto; padding: .15rem 0; }
          .pairs th { border-bottom: none; padding-top: .5rem; }
          .pairs td { padding-bottom: .5rem; }
          .rows thead { display: none; }
          .rows tr { display: block; border-bottom: 1px solid #d8dee4; padding: .3rem 0; }
          .rows th, .rows td { display: block; border: none; padding: .1rem 0; }
          .rows td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
          .rows td.n { text-align: left; }
          .advice li { padding: .5rem .6rem; }
          .advice .detail { margin-left: 0; }
        }
        @page { size: auto; margin: 14mm 14mm 16mm; }
        @media print {
          body { color: #000; font-size: 10.5pt; line-height: 1.4; }
          main { max-width: none; padding: 0; }
          h1 { font-size: 16pt; }
          h2 { font-size: 13pt; margin: 1rem 0 .4rem; border-bottom-color: #000; break-after: avoid; }
          h3, figcaption { break-after: avoid; }
          .advice li, .chart, .pairs tr, ol.actions li { break-inside: avoid; }
          .summary, .first, .matrix { break-inside: auto; }
          .matrix figure { margin: .5rem 0; }
          .matrix figure > svg { max-width: 7cm; }
          .portfolio figure > svg { max-width: 11cm; }
          ol.actions li { margin-bottom: .35rem; }
          .chart > svg { max-width: 12cm; }
          .advice li { border-color: #000; }
          .sure, .why, .note, .detail, .meta { color: #000; }
          .badge { color: #000; background: none; }
          svg text, svg .note { fill: #000; }
          .q0, .q1, .q2, .q3, .track { fill: none; }
          .quadrant, .tick, .track { stroke: #000; }
          .aim, .maybe { stroke: #000; }
          .dot, .arrow { fill: #000; stroke: #000; }
          .ring, .key circle { fill: #fff; stroke: #000; }
          .key text { fill: #000; }
          .bar { fill: #777; }
          .pdot { fill: #000; }
          .prange { stroke: #000; }
          .flow-arrow { fill: #555; stroke: #555; }
          .flow-label { fill: #000; }
          .link { stroke: #000; }
          .rows tr { break-inside: avoid; }
          .wide { overflow-x: visible; }
        }

        """
}

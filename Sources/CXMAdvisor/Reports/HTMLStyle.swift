/// The HTML report's style sheet: a readable page on screen (system fonts, at most 60rem wide,
/// colours with enough contrast) and on paper (black on white, no fills that waste ink,
/// recommendations and charts not split across pages).
enum HTMLStyle {
    static let css = """
        :root { color-scheme: light; }
        body { margin: 0; background: #fff; color: #1b1f24;
          font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
        h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 .5rem; }
        h2 { font-size: 1.35rem; line-height: 1.3; margin: 2.5rem 0 .75rem; padding-bottom: .25rem;
          border-bottom: 2px solid #d0d7de; }
        h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
        p { margin: .5rem 0; }
        table.pairs { border-collapse: collapse; width: 100%; }
        .pairs th, .pairs td { text-align: left; vertical-align: top; padding: .4rem .6rem;
          border-bottom: 1px solid #d8dee4; }
        .pairs th { font-weight: 600; width: 40%; }
        .missing, .note, .detail { color: #4d5761; }
        .missing { font-size: .9em; }
        .mark { font-weight: 700; }
        figure { margin: 1.25rem 0; }
        figcaption { font-weight: 600; margin-bottom: .25rem; }
        svg { display: block; max-width: 100%; height: auto; }
        svg text { font-family: inherit; font-size: 14px; fill: #1b1f24; }
        svg .note { fill: #4d5761; font-style: italic; }
        .quadrant { stroke: #4d5761; stroke-width: 1; }
        .q0 { fill: #dde9f8; } .q1 { fill: #dcf0e1; } .q2 { fill: #ececec; } .q3 { fill: #f9e8d6; }
        .quadrant-label { font-weight: 700; }
        .aim { fill: none; stroke: #0f5a2a; stroke-width: 4; stroke-dasharray: 10 5; }
        .aim-label { font-style: italic; }
        .dot { fill: #0b3d91; stroke: #fff; stroke-width: 2; }
        .arrow { fill: #0b3d91; stroke: #0b3d91; stroke-width: 2.5; }
        .tick { stroke: #4d5761; }
        .axis-label { font-weight: 600; }
        .track { fill: #e6eaef; stroke: #8c959f; stroke-width: 1; }
        .track.unknown { fill: none; stroke-dasharray: 4 3; }
        .bar { fill: #2a62a8; }
        .bar-value { font-weight: 700; }
        .legend { list-style: none; padding: 0; margin: .5rem 0 0; font-weight: 400; }
        .legend li { margin: .25rem 0; }
        .legend svg { display: inline-block; vertical-align: -.2em; margin-right: .35rem; }
        .legend .aim { stroke-width: 2; stroke-dasharray: 4 2; }
        .advice { list-style: none; padding: 0; }
        .advice li { border: 1px solid #d0d7de; border-left: 5px solid #4d5761; border-radius: 4px;
          padding: .5rem .9rem; margin: .75rem 0; }
        .advice .detail { margin: .25rem 0 .25rem 1rem; }
        .badge { display: inline-block; margin-right: .4rem; padding: 0 .45rem; border: 1px solid currentColor;
          border-radius: 3px; font-size: .8rem; font-weight: 700; letter-spacing: .03em; text-transform: uppercase; }
        .badge-high { color: #8a1c1c; background: #fde8e8; }
        .badge-medium, .badge-warning { color: #6b4600; background: #fff1cc; }
        .badge-low { color: #24513a; background: #e6f4ea; }
        @page { margin: 16mm 15mm 18mm; }
        @media print {
          body { color: #000; font-size: 11pt; }
          main { max-width: none; padding: 0; }
          h2 { border-bottom-color: #000; break-after: avoid; }
          h3, figcaption { break-after: avoid; }
          .advice li, figure, .pairs tr { break-inside: avoid; }
          .advice li { border-color: #000; }
          .missing, .note, .detail { color: #000; }
          .badge { color: #000; background: none; }
          svg text, svg .note { fill: #000; }
          .q0, .q1, .q2, .q3, .track { fill: none; }
          .quadrant, .tick, .track { stroke: #000; }
          .aim { stroke: #000; }
          .dot, .arrow { fill: #000; stroke: #000; }
          .bar { fill: #777; }
        }

        """
}

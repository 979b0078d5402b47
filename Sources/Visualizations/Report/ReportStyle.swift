/// The report page's inline style sheet: one readable column, full-width figures, a boxed table
/// of contents, and a caveat box that cannot be missed. Prints cleanly too.
enum ReportStyle {
    static let css = """
    :root { --ink: #1f2328; --muted: #59636e; --rule: #d8dee4; --accent: #2f6f9f; --paper: #ffffff;
            --wash: #f6f8fa; --warn: #9a3412; --warn-wash: #fff7ed; --warn-rule: #fdba74; }
    * { box-sizing: border-box; }
    html { font-size: 17px; }
    body { margin: 0; background: var(--paper); color: var(--ink);
           font-family: "Noto Sans", "DejaVu Sans", "Helvetica Neue", Arial, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
           line-height: 1.6; -webkit-text-size-adjust: 100%; }
    :lang(zh-Hans) body, body:lang(zh-Hans) { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Noto Sans", sans-serif; line-height: 1.75; }
    .masthead, .toc, main, footer { max-width: 1120px; margin: 0 auto; padding: 0 28px; }
    .masthead { padding-top: 36px; padding-bottom: 8px; border-bottom: 1px solid var(--rule); }
    .kicker { margin: 0; color: var(--accent); font-weight: 700; letter-spacing: .08em; text-transform: uppercase; font-size: .8rem; }
    h1 { font-size: 2.1rem; line-height: 1.2; margin: .2em 0 .6em; }
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: .25em 1.2em; margin: 0 0 1em; }
    .facts dt { color: var(--muted); font-weight: 600; }
    .facts dd { margin: 0; }
    .prompt { font-family: "DejaVu Sans Mono", "Noto Sans Mono CJK SC", monospace; background: var(--wash);
              padding: .1em .45em; border-radius: 4px; white-space: pre-wrap; word-break: break-word; }
    code { font-family: "DejaVu Sans Mono", "Noto Sans Mono CJK SC", monospace; font-size: .88em;
           background: var(--wash); padding: .05em .3em; border-radius: 3px; white-space: pre-wrap; }
    a { color: var(--accent); }
    .files { color: var(--muted); font-size: .85rem; }
    .toc { margin-top: 24px; }
    .toc > h2 { font-size: 1.05rem; margin: 0 0 .4em; }
    .toc > ol { background: var(--wash); border: 1px solid var(--rule); border-radius: 8px; margin: 0;
                padding: 14px 18px 14px 40px; columns: 2 320px; column-gap: 40px; }
    .toc > ol > li { break-inside: avoid; font-weight: 600; margin-bottom: .35em; }
    .toc ol ol { font-weight: 400; font-size: .88rem; padding-left: 1.2em; margin: .1em 0 .3em; list-style: disc; }
    .toc li.groups { list-style: none; margin-left: -1.2em; margin-top: .2em; line-height: 1.8; }
    .toc a { text-decoration: none; }
    .toc a:hover { text-decoration: underline; }
    section { margin-top: 44px; }
    h2 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .4em; padding-bottom: .25em; border-bottom: 2px solid var(--ink); }
    h2 .num { display: inline-block; min-width: 1.6em; color: var(--accent); }
    .intro { font-size: 1.05rem; max-width: 46em; }
    h3.group { font-size: 1.25rem; margin: 2em 0 .2em; color: var(--accent); }
    figure { margin: 28px 0 36px; }
    figure h4 { font-size: 1.08rem; margin: 0 0 .5em; }
    figure img { display: block; width: 100%; height: auto; border: 1px solid var(--rule); border-radius: 6px; background: #fff; }
    figcaption { margin-top: .6em; max-width: 46em; }
    figcaption p { margin: 0 0 .3em; }
    .caveat { background: var(--warn-wash); border: 1px solid var(--warn-rule); border-left: 6px solid var(--warn);
              border-radius: 6px; padding: 12px 18px; margin: 18px 0 26px; max-width: 52em; }
    .caveat p { margin: .3em 0; }
    .caveat-title { font-weight: 700; color: var(--warn); font-size: 1.05rem; }
    .caveat .refs { font-size: .85rem; color: var(--muted); }
    .explainers { border: 1px solid var(--rule); border-left: 6px solid var(--accent); border-radius: 6px;
                  padding: 10px 18px; margin: 36px 0 26px; max-width: 52em; }
    .explainers h2 { font-size: 1.15rem; margin: .3em 0 .6em; }
    .explainers dt { font-weight: 600; margin-top: .7em; }
    .explainers dd { margin: .2em 0 0 0; }
    table.predictions { border-collapse: collapse; margin: 12px 0 8px; min-width: 420px; font-size: .95rem; }
    table.predictions th, table.predictions td { text-align: left; padding: 4px 14px 4px 0; border-bottom: 1px solid var(--rule); }
    table.predictions td:last-child { min-width: 220px; white-space: nowrap; }
    table.predictions .bar { display: inline-block; height: .7em; background: var(--accent); border-radius: 2px;
                             margin-right: .5em; vertical-align: middle; max-width: 160px; }
    footer { margin-top: 60px; padding-top: 16px; padding-bottom: 40px; border-top: 1px solid var(--rule); color: var(--muted); font-size: .85rem; }
    @media print { .toc { display: none; } figure { break-inside: avoid; } a { color: inherit; } }
    """
}

"""Search that understands inflected Finnish and Swedish.

mkdocs-material's search runs lunr in a web worker. The index is stemmed with lunr's Finnish,
Swedish and English stemmers (``mkdocs.yml``: ``lang: [fi, sv, en]`` and the ``stemmer`` in
``pipeline``), which ship with the theme. But the theme turns every query term into a prefix
query (``hakemuksesi*``), and lunr does not stem a prefix query: the query would have to be a
prefix of the stored stem (``hakemuks``) and nothing is found. :func:`patch_worker` therefore
makes the worker stem each term the way the index was stemmed (each language's stemmer in the
order of ``lang``, as ``lunr.multiLanguage`` does) before the theme adds the ``*``. So
"hakemuksesi" finds pages that say "hakemuksen" or "hakemukseen". Nothing is fetched from
outside: the stemmers are the theme's own files.
"""

from __future__ import annotations

import json
from pathlib import Path

# The theme's query transform (mkdocs-material 9.x, minified): every term gets a trailing *.
THEME_PREFIX = "?r:`${r}*`)"
STEMMED_PREFIX = "?r:`${self.lkStem?self.lkStem(r):r}*`)"
MARK = "/* letterkit: stemmed prefix queries */"


def stem_function(langs: list[str]) -> str:
    """JavaScript that defines ``self.lkStem(term)``: *term* through the stemmers of *langs*."""
    return (f"\n{MARK}\nself.lkStem=function(t){{try{{var k=new lunr.Token(t.toLowerCase(),{{}});"
            f"var L={json.dumps(langs)};for(var i=0;i<L.length;i++){{"
            "var s=L[i]==='en'?lunr.stemmer:(lunr[L[i]]&&lunr[L[i]].stemmer);"
            "if(s){var r=s(k);if(!r)return t;k=r;}}return k.toString()||t}catch(e){return t}};\n")


def patch_worker(site_dir: Path, langs: list[str]) -> list[Path]:
    """Patch the search worker(s) under *site_dir*; return the files patched. Raises
    RuntimeError when the theme's query code is not where it was (a theme update): the build
    must not ship a search that silently stops understanding inflected words."""
    patched = []
    for path in sorted((Path(site_dir) / "assets" / "javascripts" / "workers").glob(
            "search.*.min.js")):
        code = path.read_text(encoding="utf-8")
        if MARK in code:
            continue
        if code.count(THEME_PREFIX) != 1:
            raise RuntimeError(f"{path}: the theme's search query code has changed; "
                               "letterkit.site.search cannot add stemming to it")
        code = code.replace(THEME_PREFIX, STEMMED_PREFIX) + stem_function(langs)
        path.write_text(code, encoding="utf-8")
        patched.append(path)
    return patched

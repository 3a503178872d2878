"""Abbreviations that end in a full stop, per language, in lower case with their stop.

``NON_FINAL`` abbreviations never end a sentence (they introduce something: "esim.", "t.ex.",
"e.g."). ``MAY_END`` ones ("jne.", "osv.", "etc.") end a sentence when the next word starts with
a capital letter. Words that are also ordinary words ("eli", "fru", "jul", "sat", "no") are left
out on purpose: a sentence may end with them.
"""

NON_FINAL = {
    "fi": {
        "esim.", "mm.", "n.", "ns.", "ks.", "vrt.", "s.", "ts.", "klo.", "nro.", "puh.", "p.",
        "k.", "ko.", "ao.", "po.", "em.", "ed.", "yl.", "va.", "vs.", "os.", "kk.", "kpl.", "v.",
        "vp.", "hra.", "rva.", "tri.", "prof.", "lkm.", "huom.", "lis.", "oik.", "siht.", "pvm.",
        "tk.", "lk.", "alk.", "ap.", "ip.", "mrd.", "milj.", "t.", "l.", "n:o.", "ma.", "ti.",
        "ke.", "to.", "pe.", "la.", "su.", "tammik.", "helmik.", "maalisk.", "huhtik.",
        "toukok.", "kesäk.", "heinäk.", "elok.", "syysk.", "lokak.", "marrask.", "jouluk.",
    },
    "sv": {
        "t.ex.", "bl.a.", "s.k.", "dvs.", "d.v.s.", "ca.", "jfr.", "kl.", "nr.", "tel.",
        "p.g.a.", "pga.", "f.d.", "resp.", "ang.", "tfn.", "s.", "sid.", "t.o.m.", "fr.o.m.",
        "o.d.", "bl.", "enl.", "inkl.", "exkl.", "obs.", "ev.", "st.", "fil.", "dr.", "hr.",
        "prof.", "jur.", "kand.", "tis.", "ons.", "tor.", "fre.", "lör.", "sön.", "jan.",
        "feb.", "apr.", "jun.", "aug.", "sep.", "sept.", "okt.", "nov.", "dec.",
    },
    "en": {
        "e.g.", "i.e.", "eg.", "ie.", "cf.", "mr.", "mrs.", "ms.", "dr.", "prof.", "st.",
        "nos.", "vs.", "approx.", "ca.", "tel.", "fig.", "p.", "pp.", "para.", "sec.", "ref.",
        "dept.", "govt.", "jan.", "feb.", "apr.", "jun.", "aug.", "sep.", "sept.", "oct.",
        "nov.", "dec.", "mon.", "tue.", "thu.", "fri.", "mt.", "gen.", "gov.", "rep.", "sen.",
        "corp.", "est.",
    },
}

MAY_END = {
    "fi": {"jne.", "yms.", "ym.", "tms.", "ymv.", "eaa.", "jaa.", "ekr.", "jkr.", "oy.", "ry."},
    "sv": {"osv.", "o.s.v.", "m.fl.", "m.m.", "mm.", "etc.", "o.dyl.", "ab.", "e.kr.", "f.kr."},
    "en": {"etc.", "ltd.", "inc.", "co.", "jr.", "sr.", "a.m.", "p.m.", "u.s.", "u.k."},
}

# "No. 5", "nr 5": an abbreviation only before a number.
BEFORE_NUMBER = {"fi": set(), "sv": set(), "en": {"no."}}

ALL = {lang: NON_FINAL[lang] | MAY_END[lang] for lang in NON_FINAL}

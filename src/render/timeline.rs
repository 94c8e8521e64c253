//! Dates in claims, for the brief's timeline.
//!
//! A claim is dated by the first date expression in it: a full date
//! ("Dec. 31, 2019", "31 December 2019", "2019-12-31"), a month and year
//! ("March 2020"), a month and day ("March 30"), a month after a preposition
//! ("In May") or a year after one ("in 2017"). A partial date is placed in
//! the article's year when the article is dated; when that would put it
//! after the article's own date, in the year before (a report published in
//! March that says "In May" means last May). Without an article date the
//! partial date stays as written.

use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

use super::words::{date_prepositions, months};

/// A date as far as it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Date {
    /// The year, if known.
    pub year: Option<i32>,
    /// 1–12, if known.
    pub month: Option<u8>,
    /// 1–31, if known.
    pub day: Option<u8>,
}

impl Date {
    /// ISO 8601 as far as known (`2021-03-30`, `2020-05`, `2017`); `None`
    /// without a year.
    pub fn iso(&self) -> Option<String> {
        let y = self.year?;
        Some(match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
            (Some(m), None) => format!("{y:04}-{m:02}"),
            _ => format!("{y:04}"),
        })
    }
}

/// A date found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    /// The words as written ("March 30", "In May").
    pub written: String,
    /// Where the date proper starts in the text (after any preposition).
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// What the words say, before any year is supplied.
    pub date: Date,
}

/// A date placed in time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Placed {
    /// The date, with the year supplied where it could be.
    pub date: Date,
    /// Whether the year came from the article's date, not the words.
    pub year_inferred: bool,
}

struct Patterns {
    full: Regex,
    day_month_year: Regex,
    iso: Regex,
    month_year: Regex,
    month_day: Regex,
    prep_month: Regex,
    prep_year: Regex,
    month_names: Vec<(String, u8)>,
}

fn alternation(items: &[String]) -> String {
    let mut v: Vec<&String> = items.iter().collect();
    // Longest first so "Sept." wins over "Sep".
    v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    v.iter()
        .map(|s| regex::escape(s))
        .collect::<Vec<_>>()
        .join("|")
}

fn patterns() -> &'static Patterns {
    static CELL: OnceLock<Patterns> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut month_names = Vec::new();
        for (i, line) in months().get("").iter().enumerate() {
            for name in line.split('|') {
                month_names.push((name.trim().to_string(), i as u8 + 1));
            }
        }
        let names: Vec<String> = month_names.iter().map(|(n, _)| n.clone()).collect();
        let m = alternation(&names);
        let p = alternation(date_prepositions().get(""));
        let re = |s: String| Regex::new(&s).expect("date patterns are valid");
        Patterns {
            full: re(format!(
                r"\b(?P<m>{m}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y>\d{{4}})\b"
            )),
            day_month_year: re(format!(r"\b(?P<d>\d{{1,2}}) (?P<m>{m}),? (?P<y>\d{{4}})\b")),
            iso: re(r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})\b".to_string()),
            month_year: re(format!(r"\b(?P<m>{m}),? (?P<y>\d{{4}})\b")),
            month_day: re(format!(
                r"\b(?P<m>{m}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:[^\d,]|,\D|,?$)"
            )),
            prep_month: re(format!(
                r"\b(?:{p})-? (?:(?:early|late|mid-?)\s)?(?P<m>{m})\b(?:[^\d.]|\.\s|\.?$)"
            )),
            prep_year: re(format!(r"\b(?:{p}) (?P<y>(?:1[6-9]|20)\d\d)\b(?:[^\d-]|$)")),
            month_names,
        }
    })
}

fn month_number(name: &str) -> Option<u8> {
    patterns()
        .month_names
        .iter()
        .find(|(n, _)| n == name)
        .map(|&(_, m)| m)
}

fn valid(d: Date) -> bool {
    !matches!(d.month, Some(m) if !(1..=12).contains(&m))
        && !matches!(d.day, Some(d) if !(1..=31).contains(&d))
}

/// Finds the first date expression in `text`.
pub fn find(text: &str) -> Option<Found> {
    let p = patterns();
    let mut best: Option<Found> = None;
    let mut consider = |f: Found| {
        if !valid(f.date) {
            return;
        }
        // Earliest start wins; at the same start, the longer (more precise) match.
        let better = match &best {
            None => true,
            Some(b) => f.start < b.start || (f.start == b.start && f.end > b.end),
        };
        if better {
            best = Some(f);
        }
    };
    let num = |c: &regex::Captures, n: &str| c.name(n).and_then(|m| m.as_str().parse::<i64>().ok());
    for c in p
        .full
        .captures_iter(text)
        .chain(p.day_month_year.captures_iter(text))
    {
        let all = c.get(0).expect("group 0");
        consider(Found {
            written: all.as_str().to_string(),
            start: all.start(),
            end: all.end(),
            date: Date {
                year: num(&c, "y").map(|y| y as i32),
                month: c.name("m").and_then(|m| month_number(m.as_str())),
                day: num(&c, "d").map(|d| d as u8),
            },
        });
    }
    for c in p.iso.captures_iter(text) {
        let all = c.get(0).expect("group 0");
        consider(Found {
            written: all.as_str().to_string(),
            start: all.start(),
            end: all.end(),
            date: Date {
                year: num(&c, "y").map(|y| y as i32),
                month: num(&c, "mo").map(|m| m as u8),
                day: num(&c, "d").map(|d| d as u8),
            },
        });
    }
    for c in p.month_year.captures_iter(text) {
        let all = c.get(0).expect("group 0");
        consider(Found {
            written: all.as_str().to_string(),
            start: all.start(),
            end: all.end(),
            date: Date {
                year: num(&c, "y").map(|y| y as i32),
                month: c.name("m").and_then(|m| month_number(m.as_str())),
                day: None,
            },
        });
    }
    for c in p.month_day.captures_iter(text) {
        let (Some(m), Some(d)) = (c.name("m"), c.name("d")) else {
            continue;
        };
        consider(Found {
            written: text[m.start()..d.end()].to_string(),
            start: m.start(),
            end: d.end(),
            date: Date {
                year: None,
                month: month_number(m.as_str()),
                day: d.as_str().parse().ok(),
            },
        });
    }
    // A date after a preposition competes from where the month or year
    // starts, so "from Dec. 31, 2019" is the full date, not "from Dec".
    for c in p.prep_month.captures_iter(text) {
        let (Some(all), Some(m)) = (c.get(0), c.name("m")) else {
            continue;
        };
        consider(Found {
            written: text[all.start()..m.end()].to_string(),
            start: m.start(),
            end: m.end(),
            date: Date {
                year: None,
                month: month_number(m.as_str()),
                day: None,
            },
        });
    }
    for c in p.prep_year.captures_iter(text) {
        let (Some(all), Some(y)) = (c.get(0), c.name("y")) else {
            continue;
        };
        consider(Found {
            written: text[all.start()..y.end()].to_string(),
            start: y.start(),
            end: y.end(),
            date: Date {
                year: y.as_str().parse().ok(),
                month: None,
                day: None,
            },
        });
    }
    best
}

/// Parses the article's own date (ISO, or any full date [`find`] knows).
pub fn article_date(meta_date: &str) -> Option<Date> {
    let f = find(meta_date)?;
    f.date.year.is_some().then_some(f.date)
}

/// Supplies a missing year from the article's date.
pub fn place(found: &Found, article: Option<Date>) -> Placed {
    if found.date.year.is_some() {
        return Placed {
            date: found.date,
            year_inferred: false,
        };
    }
    let Some(Date {
        year: Some(y),
        month: am,
        day: ad,
    }) = article
    else {
        return Placed {
            date: found.date,
            year_inferred: false,
        };
    };
    let after_article = match (found.date.month, am) {
        (Some(m), Some(am)) if m != am => m > am,
        (Some(_), Some(_)) => match (found.date.day, ad) {
            (Some(d), Some(ad)) => d > ad,
            _ => false,
        },
        _ => false,
    };
    Placed {
        date: Date {
            year: Some(if after_article { y - 1 } else { y }),
            ..found.date
        },
        year_inferred: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str, article: &str) -> Option<String> {
        let f = find(text)?;
        place(&f, article_date(article))
            .date
            .iso()
            .or(Some(f.written))
    }

    #[test]
    fn finds_dates() {
        assert_eq!(
            find("released on March 30, covering China.")
                .unwrap()
                .written,
            "March 30"
        );
        assert_eq!(
            find("In May, authorities arraigned").unwrap().written,
            "In May"
        );
        assert_eq!(
            find("from Dec. 31, 2019, to 2020").unwrap().written,
            "Dec. 31, 2019"
        );
        assert_eq!(find("in 2017.").unwrap().written, "in 2017");
        assert!(find("the Trade Act of 1974 and the 2019 report").is_none());
        assert!(find("We may act").is_none());
        assert!(find("for 45 consecutive years").is_none());
    }

    #[test]
    fn places_partial_dates() {
        assert_eq!(
            iso("on March 30, covering", "2021-03-31").unwrap(),
            "2021-03-30"
        );
        assert_eq!(iso("In May, authorities", "2021-03-31").unwrap(), "2020-05");
        assert_eq!(iso("In August, the", "2021-03-31").unwrap(), "2020-08");
        assert_eq!(iso("Dec. 31, 2019", "2021-03-31").unwrap(), "2019-12-31");
        assert_eq!(iso("on 4 July 1976 they", "").unwrap(), "1976-07-04");
        // No article date: kept as written.
        let f = find("In May, they").unwrap();
        assert_eq!(place(&f, None).date.iso(), None);
    }
}

//! `--date-format` patterns: how an archive prints its dates, in
//! strftime's letters.
//!
//! - `%d` day, `%m` month (one or two digits), `%Y` year (four digits),
//!   `%B` an Arabic month name of any family and spelling (see
//!   [`super::names`]), `%H` hour, `%M` minute, `%S` second, `%%` a `%`;
//! - a space matches any run of spaces; any other character itself;
//! - before the date, a weekday name may stand (`الخميس 15 مارس 2018`);
//!   after it, unless the pattern has `%H`, a time may follow (`15/03/2018
//!   14:05`, `14:05:30`, after a space, a `T` or a comma).
//!
//! The value is folded first (see [`super::names::fold`]): Arabic-Indic
//! digits read as digits, alef and ya variants as one letter.

use time::{Date, Month, PrimitiveDateTime, Time};

use super::names;

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Day,
    Month,
    MonthName,
    Year,
    Hour,
    Minute,
    Second,
    /// A run of spaces.
    Space,
    Literal(char),
}

/// A parsed `--date-format` pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Pattern {
    parts: Vec<Part>,
}

impl Pattern {
    /// Parses a pattern; the error says what is wrong with it.
    pub(super) fn parse(spec: &str) -> Result<Pattern, String> {
        let mut parts = Vec::new();
        let mut chars = names::fold(spec).chars().collect::<Vec<_>>().into_iter();
        while let Some(c) = chars.next() {
            let part = match c {
                '%' => match chars.next() {
                    Some('d') => Part::Day,
                    Some('m') => Part::Month,
                    Some('B') => Part::MonthName,
                    Some('Y') => Part::Year,
                    Some('H') => Part::Hour,
                    Some('M') => Part::Minute,
                    Some('S') => Part::Second,
                    Some('%') => Part::Literal('%'),
                    Some(other) => {
                        return Err(format!(
                            "%{other} is not a field; the fields are %d %m %B %Y %H %M %S"
                        ))
                    }
                    None => return Err("a lone % at the end".into()),
                },
                ' ' => Part::Space,
                c => Part::Literal(c),
            };
            parts.push(part);
        }
        let has = |p: Part| parts.contains(&p);
        if !has(Part::Day) || !(has(Part::Month) || has(Part::MonthName)) || !has(Part::Year) {
            return Err("a date format needs a day (%d), a month (%m or %B) and a year (%Y)".into());
        }
        if has(Part::Month) && has(Part::MonthName) {
            return Err("a date format has one month: %m or %B, not both".into());
        }
        Ok(Pattern { parts })
    }

    /// The Arabic form every format also reads: `15 مارس 2018`.
    pub(super) fn arabic() -> Pattern {
        Pattern { parts: vec![Part::Day, Part::Space, Part::MonthName, Part::Space, Part::Year] }
    }

    /// The day and wall-clock time `text` (folded) gives, when it is
    /// written as the pattern says.
    pub(super) fn read(&self, text: &str) -> Option<PrimitiveDateTime> {
        let mut rest = names::skip_weekday(text);
        let (mut day, mut month, mut year) = (None, None, None);
        let (mut hour, mut minute, mut second) = (0u8, 0u8, 0u8);
        for part in &self.parts {
            match part {
                Part::Day => day = Some(digits(&mut rest, 1, 2)?),
                Part::Month => month = Some(digits(&mut rest, 1, 2)?),
                Part::Year => year = Some(digits(&mut rest, 4, 4)?),
                Part::Hour => hour = u8::try_from(digits(&mut rest, 1, 2)?).ok()?,
                Part::Minute => minute = u8::try_from(digits(&mut rest, 2, 2)?).ok()?,
                Part::Second => second = u8::try_from(digits(&mut rest, 2, 2)?).ok()?,
                Part::MonthName => {
                    let (number, after) = names::month_at(rest)?;
                    month = Some(u32::from(number));
                    rest = after;
                }
                Part::Space => {
                    let trimmed = rest.trim_start();
                    if trimmed.len() == rest.len() {
                        return None;
                    }
                    rest = trimmed;
                }
                Part::Literal(c) => rest = rest.strip_prefix(*c)?,
            }
        }
        if !self.parts.contains(&Part::Hour) && !rest.is_empty() {
            (hour, minute, second) = time_after(rest)?;
        } else if !rest.is_empty() {
            return None;
        }
        let month = Month::try_from(u8::try_from(month?).ok()?).ok()?;
        let date =
            Date::from_calendar_date(i32::try_from(year?).ok()?, month, u8::try_from(day?).ok()?)
                .ok()?;
        Some(PrimitiveDateTime::new(date, Time::from_hms(hour, minute, second).ok()?))
    }
}

/// Reads `min` to `max` ASCII digits from the start of `rest`.
fn digits(rest: &mut &str, min: usize, max: usize) -> Option<u32> {
    let count = rest.bytes().take(max).take_while(u8::is_ascii_digit).count();
    if count < min {
        return None;
    }
    let value = rest[..count].parse().ok()?;
    *rest = &rest[count..];
    Some(value)
}

/// A time after the date: ` 14:05`, `T14:05:30`, `, 14:05`; the whole of
/// `rest` must be it.
fn time_after(rest: &str) -> Option<(u8, u8, u8)> {
    let rest = rest.strip_prefix([',', '،']).unwrap_or(rest);
    let trimmed = rest.trim_start();
    let mut rest = match trimmed.strip_prefix('T') {
        Some(after) if trimmed.len() == rest.len() => after,
        _ if trimmed.len() < rest.len() => trimmed,
        _ => return None,
    };
    let hour = u8::try_from(digits(&mut rest, 1, 2)?).ok()?;
    rest = rest.strip_prefix(':')?;
    let minute = u8::try_from(digits(&mut rest, 2, 2)?).ok()?;
    let second = match rest.strip_prefix(':') {
        Some(mut after) => {
            let second = u8::try_from(digits(&mut after, 2, 2)?).ok()?;
            rest = after;
            second
        }
        None => 0,
    };
    rest.is_empty().then_some((hour, minute, second))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn read(pattern: &str, text: &str) -> Option<PrimitiveDateTime> {
        Pattern::parse(pattern).unwrap().read(&names::fold(text))
    }

    #[test]
    fn day_first_forms_with_and_without_a_time() {
        let day = Some(datetime!(2018-03-15 0:00));
        let table = [
            ("%d/%m/%Y", "15/03/2018", day),
            ("%d/%m/%Y", "15/3/2018", day),
            ("%d-%m-%Y", "15-03-2018", day),
            ("%d.%m.%Y", "15.03.2018", day),
            ("%d/%m/%Y", "١٥/٠٣/٢٠١٨", day),
            ("%d/%m/%Y", "15/03/2018 14:05", Some(datetime!(2018-03-15 14:05))),
            ("%d/%m/%Y", "15/03/2018T14:05:30", Some(datetime!(2018-03-15 14:05:30))),
            ("%d/%m/%Y", "15/03/2018، 9:05", Some(datetime!(2018-03-15 9:05))),
            ("%d/%m/%Y %H:%M", "15/03/2018 14:05", Some(datetime!(2018-03-15 14:05))),
            ("%m/%d/%Y", "03/15/2018", day),
            ("%Y/%m/%d", "2018/03/15", day),
            // Not what the pattern says, or not a day.
            ("%d/%m/%Y", "15-03-2018", None),
            ("%d/%m/%Y", "03/15/2018", None),
            ("%d/%m/%Y", "30/02/2018", None),
            ("%d/%m/%Y", "15/03/18", None),
            ("%d/%m/%Y", "15/03/2018 25:00", None),
            ("%d/%m/%Y", "15/03/2018 مساء", None),
            ("%d/%m/%Y", "15/03/201899", None),
        ];
        for (pattern, text, expected) in table {
            assert_eq!(read(pattern, text), expected, "{pattern} {text}");
        }
    }

    #[test]
    fn arabic_month_names_weekdays_and_digits() {
        let day = Some(datetime!(2018-03-15 0:00));
        let arabic = Pattern::arabic();
        for text in [
            "15 مارس 2018",
            "15 آذار 2018",
            "15 اذار 2018",
            "١٥ مارس ٢٠١٨",
            "الخميس 15 مارس 2018",
            "الخميس، ١٥ آذار ٢٠١٨",
            "15  مارس  2018",
        ] {
            assert_eq!(arabic.read(&names::fold(text)), day, "{text}");
        }
        assert_eq!(
            arabic.read(&names::fold("15 تشرين الأول 2018 10:30")),
            Some(datetime!(2018-10-15 10:30))
        );
        assert_eq!(
            arabic.read(&names::fold("1 كانون الثاني 2018")),
            Some(datetime!(2018-01-01 0:00))
        );
        assert_eq!(read("%B %d, %Y", "مارس 15, 2018"), day);
        assert_eq!(read("%d-%B-%Y", "15-مارس-2018"), day);
        assert_eq!(arabic.read(&names::fold("15 مارسيليا 2018")), None);
        assert_eq!(arabic.read(&names::fold("مارس 2018")), None);
    }

    #[test]
    fn bad_patterns_say_why() {
        assert!(Pattern::parse("%d/%m").unwrap_err().contains("a year (%Y)"));
        assert!(Pattern::parse("%d/%q/%Y").unwrap_err().contains("%q is not a field"));
        assert!(Pattern::parse("%d %m %B %Y").unwrap_err().contains("not both"));
        assert!(Pattern::parse("%d/%m/%Y%").is_err());
    }
}

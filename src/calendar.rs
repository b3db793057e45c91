//! Calendars a timeline can count in: the Gregorian (the default) and the
//! Umm al-Qura Hijri calendar, the official calendar of Saudi Arabia and
//! the one Gulf outlets print beside the Gregorian date.
//!
//! The conversion is ICU4X's (`icu_calendar`), whose Umm al-Qura month
//! lengths from 1300 to 1600 AH (1882 to 2174) are KACST's published
//! tables; outside those years it falls back to the tabular Hijri
//! calendar. Days run from midnight to midnight, as the archive's dates do
//! (the Hijri day that starts at the evening before is not modelled).
//!
//! ```
//! use fahras::calendar::{from_hijri, to_hijri, HijriDate};
//! use time::macros::date;
//!
//! // 1 Ramadan 1439 was 16 May 2018.
//! let first = HijriDate { year: 1439, month: 9, day: 1 };
//! assert_eq!(to_hijri(date!(2018 - 05 - 16)), Some(first));
//! assert_eq!(from_hijri(first), Some(date!(2018 - 05 - 16)));
//! assert_eq!(to_hijri(date!(2018 - 05 - 15)).unwrap().month, 8);
//! ```

use std::fmt;
use std::str::FromStr;

use icu_calendar::cal::{Hijri, Iso};
use icu_calendar::Date as IcuDate;
use serde::Serialize;
use time::{Date, Month};

/// A calendar periods are counted in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Calendar {
    /// The Gregorian calendar.
    #[default]
    Gregorian,
    /// The Umm al-Qura Hijri calendar.
    Hijri,
}

impl Calendar {
    /// Every calendar with its name, as the command line and the API take
    /// it.
    pub const NAMES: [(&'static str, Calendar); 2] =
        [("gregorian", Calendar::Gregorian), ("hijri", Calendar::Hijri)];

    /// Whether it is the Gregorian calendar (which JSON leaves unsaid).
    pub fn is_gregorian(&self) -> bool {
        *self == Calendar::Gregorian
    }

    /// The calendar's name (`gregorian`, `hijri`).
    pub fn name(self) -> &'static str {
        match self {
            Calendar::Gregorian => "gregorian",
            Calendar::Hijri => "hijri",
        }
    }
}

impl FromStr for Calendar {
    type Err = String;

    fn from_str(text: &str) -> Result<Calendar, String> {
        <Calendar as crate::choice::Choice>::named(text).map_err(|e| e.given)
    }
}

impl fmt::Display for Calendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A day of the Umm al-Qura calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct HijriDate {
    /// The year AH (1439).
    pub year: i32,
    /// The month, 1 (Muharram) to 12 (Dhu al-Hijjah).
    pub month: u8,
    /// The day of the month, 1 to 30.
    pub day: u8,
}

/// The Umm al-Qura day of the Gregorian `date`; `None` only for a date
/// ICU4X cannot hold (far beyond the years an archive has).
pub fn to_hijri(date: Date) -> Option<HijriDate> {
    let iso = IcuDate::try_new_iso(date.year(), u8::from(date.month()), date.day()).ok()?;
    let hijri = iso.to_calendar(Hijri::new_umm_al_qura());
    Some(HijriDate {
        year: hijri.year().extended_year(),
        month: hijri.month().ordinal,
        day: hijri.day_of_month().0,
    })
}

/// The Gregorian date of an Umm al-Qura day; `None` when there is no such
/// day (month 13, the 30th of a month of 29 days).
pub fn from_hijri(date: HijriDate) -> Option<Date> {
    let hijri = IcuDate::try_new_hijri_with_calendar(
        date.year,
        date.month,
        date.day,
        Hijri::new_umm_al_qura(),
    )
    .ok()?;
    let iso = hijri.to_calendar(Iso);
    let month = Month::try_from(iso.month().ordinal).ok()?;
    Date::from_calendar_date(iso.year().extended_year(), month, iso.day_of_month().0).ok()
}

/// The first day of Hijri month `month` (1 to 12) of `year`, with months
/// past 12 running into the next years: month 13 of 1439 is Muharram
/// 1440.
pub fn hijri_month_start(year: i32, month: i64) -> Option<Date> {
    let months = i64::from(year) * 12 + month - 1;
    let year = i32::try_from(months.div_euclid(12)).ok()?;
    let month = u8::try_from(months.rem_euclid(12) + 1).ok()?;
    from_hijri(HijriDate { year, month, day: 1 })
}

/// The Arabic names of the Hijri months, Muharram first, as the Umm
/// al-Qura calendar prints them.
const HIJRI_MONTHS: [&str; 12] = [
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
];

/// The Arabic name of Hijri month `month` (1 to 12): 9 is `رمضان`.
pub fn hijri_month_name(month: u8) -> Option<&'static str> {
    HIJRI_MONTHS.get(usize::from(month).checked_sub(1)?).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn umm_al_qura_days_round_trip_and_match_the_published_months() {
        // Published Umm al-Qura starts of months (KACST): 1 Ramadan 1439,
        // 1 Shawwal 1439 (Eid al-Fitr), 1 Muharram 1440, 1 Muharram 1445.
        for (gregorian, hijri) in [
            (date!(2018 - 05 - 16), (1439, 9, 1)),
            (date!(2018 - 06 - 15), (1439, 10, 1)),
            (date!(2018 - 09 - 11), (1440, 1, 1)),
            (date!(2023 - 07 - 19), (1445, 1, 1)),
        ] {
            let (year, month, day) = hijri;
            let expected = HijriDate { year, month, day };
            assert_eq!(to_hijri(gregorian), Some(expected), "{gregorian}");
            assert_eq!(from_hijri(expected), Some(gregorian), "{hijri:?}");
        }
        let mut day = date!(1700 - 01 - 01);
        while day < date!(2250 - 01 - 01) {
            assert_eq!(from_hijri(to_hijri(day).unwrap()), Some(day), "{day}");
            day += time::Duration::days(17);
        }
        assert_eq!(from_hijri(HijriDate { year: 1439, month: 13, day: 1 }), None);
        assert_eq!(hijri_month_start(1439, 13), Some(date!(2018 - 09 - 11)));
        assert_eq!(hijri_month_start(1440, 0), hijri_month_start(1439, 12));
    }

    #[test]
    fn names() {
        assert_eq!(hijri_month_name(9), Some("رمضان"));
        assert_eq!(hijri_month_name(0), None);
        assert_eq!(hijri_month_name(13), None);
        assert_eq!("Hijri".parse(), Ok(Calendar::Hijri));
        assert!("julian".parse::<Calendar>().is_err());
    }
}

//! Display formats of the product: dates dd/MM/yyyy in Asia/Ho_Chi_Minh, money in VND.

// Fields formatted by hand rather than with chrono's strftime, which would ship its format
// parser to the browser.
use chrono::{DateTime, Datelike, FixedOffset, Timelike, Utc};

/// Asia/Ho_Chi_Minh is UTC+7 all year (Vietnam keeps no daylight saving time).
pub fn vn_offset() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}

/// The instant of `local`, a wall-clock time in Asia/Ho_Chi_Minh.
pub fn vn_to_utc(local: chrono::NaiveDateTime) -> DateTime<Utc> {
    local.and_utc() - chrono::Duration::seconds(i64::from(vn_offset().local_minus_utc()))
}

/// Midnight starting `day` in Asia/Ho_Chi_Minh, as an instant.
pub fn vn_midnight(day: chrono::NaiveDate) -> DateTime<Utc> {
    vn_to_utc(day.and_time(chrono::NaiveTime::MIN))
}

/// `dd/MM/yyyy` in Asia/Ho_Chi_Minh.
pub fn date_vn(t: DateTime<Utc>) -> String {
    let d = t.with_timezone(&vn_offset());
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// The day of `t` in Asia/Ho_Chi_Minh.
pub fn vn_day(t: DateTime<Utc>) -> chrono::NaiveDate {
    t.with_timezone(&vn_offset()).date_naive()
}

/// A calendar day as `dd/MM/yyyy`.
pub fn day_vn(d: chrono::NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// `dd/MM/yyyy HH:mm` in Asia/Ho_Chi_Minh.
pub fn datetime_vn(t: DateTime<Utc>) -> String {
    let d = t.with_timezone(&vn_offset());
    format!("{} {:02}:{:02}", date_vn(t), d.hour(), d.minute())
}

/// Groups digits by thousands with dots, as vi-VN does: `1234000` → `1.234.000`.
pub fn number_vn(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Money in đồng: `1.234.000 ₫`.
pub fn vnd(amount: i64) -> String {
    format!("{} ₫", number_vn(amount))
}

/// `bytes` as Vietnamese readers write sizes: `850 B`, `12,5 KB`, `3,2 MB`, `1,05 GB`.
pub fn size_vn(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    if bytes < 1024 {
        return format!("{} B", number_vn(bytes as i64));
    }
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    let decimals = if value < 10.0 { 2 } else { 1 };
    let text = format!("{value:.decimals$}");
    let text = text
        .trim_end_matches('0')
        .trim_end_matches('.')
        .replace('.', ",");
    format!("{text} {}", UNITS[unit])
}

/// Removes Vietnamese diacritics and lower-cases, so "Bảo hiểm" matches "bao hiem".
pub fn fold_vi(s: &str) -> String {
    s.chars()
        .flat_map(|c| fold_char(c).to_lowercase())
        .collect()
}

fn fold_char(c: char) -> char {
    const GROUPS: [(&str, char); 14] = [
        ("àáạảãâầấậẩẫăằắặẳẵ", 'a'),
        ("ÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴ", 'A'),
        ("èéẹẻẽêềếệểễ", 'e'),
        ("ÈÉẸẺẼÊỀẾỆỂỄ", 'E'),
        ("ìíịỉĩ", 'i'),
        ("ÌÍỊỈĨ", 'I'),
        ("òóọỏõôồốộổỗơờớợởỡ", 'o'),
        ("ÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠ", 'O'),
        ("ùúụủũưừứựửữ", 'u'),
        ("ÙÚỤỦŨƯỪỨỰỬỮ", 'U'),
        ("ỳýỵỷỹ", 'y'),
        ("ỲÝỴỶỸ", 'Y'),
        ("đ", 'd'),
        ("Đ", 'D'),
    ];
    if c.is_ascii() {
        return c;
    }
    GROUPS
        .iter()
        .find(|(set, _)| set.contains(c))
        .map(|(_, base)| *base)
        .unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates_are_in_ho_chi_minh_time() {
        // 17:30 UTC on 31/12 is already 00:30 on 01/01 in Vietnam.
        let t = Utc.with_ymd_and_hms(2025, 12, 31, 17, 30, 0).unwrap();
        assert_eq!(date_vn(t), "01/01/2026");
        assert_eq!(datetime_vn(t), "01/01/2026 00:30");
        let t = Utc.with_ymd_and_hms(2026, 3, 5, 9, 7, 0).unwrap();
        assert_eq!(date_vn(t), "05/03/2026");
    }

    #[test]
    fn numbers_and_money_use_vietnamese_grouping() {
        assert_eq!(number_vn(0), "0");
        assert_eq!(number_vn(999), "999");
        assert_eq!(number_vn(1000), "1.000");
        assert_eq!(number_vn(1_234_000), "1.234.000");
        assert_eq!(number_vn(-234_000), "-234.000");
        assert_eq!(vnd(234_000), "234.000 ₫");
    }

    #[test]
    fn folding_removes_diacritics() {
        assert_eq!(fold_vi("Bảo hiểm xã hội"), "bao hiem xa hoi");
        assert_eq!(fold_vi("ĐƯỜNG DÂY NÓNG"), "duong day nong");
        assert_eq!(fold_vi("Tết 2026 🎉"), "tet 2026 🎉");
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size_vn(0), "0 B");
        assert_eq!(size_vn(1023), "1.023 B");
        assert_eq!(size_vn(1024), "1 KB");
        assert_eq!(size_vn(12_800), "12,5 KB");
        assert_eq!(size_vn(3_355_443), "3,2 MB");
        assert_eq!(size_vn(25 * 1024 * 1024), "25 MB");
        assert_eq!(size_vn(1_127_428_915), "1,05 GB");
    }
}

//! One validator for the free text of every form: required or not, at most so many characters
//! (counted as `char`s, as the UI counts them), and which control characters it may hold.
//!
//! ```
//! use portal_contract::text::TextRule;
//!
//! const NAME: TextRule = TextRule::one_line(200).required();
//! let mut errors = Vec::new();
//! NAME.check(&mut errors, "name", "  ");
//! assert_eq!(errors[0].code, "required");
//! assert_eq!(errors[0].message, "Vui lòng nhập trường này.");
//! ```

use crate::format::number_vn;
use crate::FieldError;

/// Which control characters a text may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// One line: no control character at all.
    One,
    /// Several lines: line breaks and tabs (`\n`, `\r`, `\t`), no other control character.
    Many,
    /// Not checked: the field only has a length limit.
    Unchecked,
}

/// How many problems one text reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Report {
    /// The first of required, too long, invalid characters.
    First,
    /// Each of them that holds (a blank over-long text is both required and too long).
    Every,
}

/// How the limit is written in the "too long" message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Digits {
    /// `5.000`, grouped as vi-VN does.
    Grouped,
    /// `5000`.
    Plain,
}

/// The Vietnamese messages of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextMessages {
    /// Code `required`.
    pub required: &'static str,
    /// Code `too_long`: the words before the limit, as in "`Tối đa` 300 ký tự.".
    pub too_long: &'static str,
    pub digits: Digits,
    /// Code `invalid_characters`.
    pub invalid_characters: &'static str,
}

impl TextMessages {
    /// "Vui lòng nhập trường này." / "Tối đa 5.000 ký tự." / "Chứa ký tự không hợp lệ."
    pub const DEFAULT: TextMessages = TextMessages {
        required: "Vui lòng nhập trường này.",
        too_long: "Tối đa",
        digits: Digits::Grouped,
        invalid_characters: "Chứa ký tự không hợp lệ.",
    };

    fn too_long(&self, max_chars: usize) -> String {
        let max = match self.digits {
            Digits::Grouped => number_vn(i64::try_from(max_chars).unwrap_or(i64::MAX)),
            Digits::Plain => max_chars.to_string(),
        };
        format!("{} {max} ký tự.", self.too_long)
    }
}

/// The rule of one text field. Build it as a `const` with the `const fn`s below.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRule {
    pub max_chars: usize,
    pub required: bool,
    pub lines: Lines,
    pub report: Report,
    pub messages: TextMessages,
}

impl TextRule {
    /// An optional one-line text of at most `max_chars` characters.
    pub const fn one_line(max_chars: usize) -> Self {
        Self::new(max_chars, Lines::One)
    }

    /// An optional text of at most `max_chars` characters that may hold line breaks and tabs.
    pub const fn multi_line(max_chars: usize) -> Self {
        Self::new(max_chars, Lines::Many)
    }

    /// An optional text of at most `max_chars` characters, whatever characters it holds.
    pub const fn length_only(max_chars: usize) -> Self {
        Self::new(max_chars, Lines::Unchecked)
    }

    const fn new(max_chars: usize, lines: Lines) -> Self {
        Self {
            max_chars,
            required: false,
            lines,
            report: Report::First,
            messages: TextMessages::DEFAULT,
        }
    }

    /// The text must hold something besides white space.
    pub const fn required(self) -> Self {
        self.required_if(true)
    }

    /// Required when `required` holds (a plan's texts only on submission, say).
    pub const fn required_if(mut self, required: bool) -> Self {
        self.required = required;
        self
    }

    /// Report each problem that holds instead of the first.
    pub const fn every_problem(mut self) -> Self {
        self.report = Report::Every;
        self
    }

    /// Write the limit without digit groups (`5000`).
    pub const fn plain_digits(mut self) -> Self {
        self.messages.digits = Digits::Plain;
        self
    }

    /// Other messages (all of them, the digit style included).
    pub const fn messages(mut self, messages: TextMessages) -> Self {
        self.messages = messages;
        self
    }

    /// Pushes the problems of `value` onto `errors` under `field`.
    pub fn check(&self, errors: &mut Vec<FieldError>, field: impl Into<String>, value: &str) {
        self.push_problems(errors, field.into(), value);
    }

    // Not generic, so the browser bundle holds one copy.
    fn push_problems(&self, errors: &mut Vec<FieldError>, field: String, value: &str) {
        let m = &self.messages;
        let problems = [
            (self.required && value.trim().is_empty())
                .then(|| ("required", m.required.to_string())),
            (value.chars().count() > self.max_chars)
                .then(|| ("too_long", m.too_long(self.max_chars))),
            self.has_invalid_characters(value)
                .then(|| ("invalid_characters", m.invalid_characters.to_string())),
        ];
        let found = problems.into_iter().flatten();
        let take = match self.report {
            Report::First => 1,
            Report::Every => usize::MAX,
        };
        for (code, message) in found.take(take) {
            errors.push(FieldError::new(field.clone(), code, message));
        }
    }

    /// The problems of `value` alone.
    pub fn errors(&self, field: impl Into<String>, value: &str) -> Vec<FieldError> {
        let mut errors = Vec::new();
        self.check(&mut errors, field, value);
        errors
    }

    fn has_invalid_characters(&self, value: &str) -> bool {
        match self.lines {
            Lines::One => value.chars().any(char::is_control),
            Lines::Many => value
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')),
            Lines::Unchecked => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(rule: TextRule, value: &str) -> Vec<String> {
        rule.errors("f", value)
            .into_iter()
            .map(|e| e.code)
            .collect()
    }

    #[test]
    fn blank_is_required_only_when_asked() {
        assert_eq!(codes(TextRule::one_line(5).required(), " \t"), ["required"]);
        assert!(codes(TextRule::one_line(5), " ").is_empty());
        assert!(codes(TextRule::one_line(5).required_if(false), "").is_empty());
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert!(codes(TextRule::one_line(3), "Đồng").contains(&"too_long".to_string()));
        assert!(codes(TextRule::one_line(4), "Đồng").is_empty());
    }

    #[test]
    fn line_breaks_and_tabs_only_in_multi_line_text() {
        assert_eq!(codes(TextRule::one_line(9), "a\nb"), ["invalid_characters"]);
        assert!(codes(TextRule::multi_line(9), "a\r\n\tb").is_empty());
        assert_eq!(
            codes(TextRule::multi_line(9), "a\u{7}"),
            ["invalid_characters"]
        );
        assert!(codes(TextRule::length_only(9), "a\u{7}").is_empty());
    }

    #[test]
    fn first_or_every_problem() {
        let blank_long = "\u{b}".repeat(4);
        let rule = TextRule::multi_line(3).required();
        assert_eq!(codes(rule, &blank_long), ["required"]);
        assert_eq!(
            codes(rule.every_problem(), &blank_long),
            ["required", "too_long", "invalid_characters"]
        );
    }

    #[test]
    fn messages_write_the_limit_as_asked() {
        let long = "x".repeat(5001);
        let grouped = TextRule::multi_line(5000).errors("f", &long);
        assert_eq!(grouped[0].message, "Tối đa 5.000 ký tự.");
        let plain = TextRule::multi_line(5000).plain_digits().errors("f", &long);
        assert_eq!(plain[0].message, "Tối đa 5000 ký tự.");
        let note = TextRule::multi_line(2).messages(TextMessages {
            too_long: "Ghi chú tối đa",
            ..TextMessages::DEFAULT
        });
        assert_eq!(
            note.errors("note", "abc")[0].message,
            "Ghi chú tối đa 2 ký tự."
        );
        assert_eq!(note.errors("note", "abc")[0].field, "note");
    }
}

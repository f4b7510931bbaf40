//! The error of GS1 syntaxes: which syntax, which rule, which AI, where.

use std::fmt;

/// The GS1 syntax an input was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Syntax {
    /// Element strings, bracketed `(01)…` or as a scanner sends them.
    ElementString,
    /// A GS1 Digital Link URI.
    DigitalLink,
    /// An EPC URI of the GS1 Tag Data Standard.
    EpcUri,
}

impl Syntax {
    /// The stable error code of the syntax: `invalid_element_string`, `invalid_digital_link`
    /// or `invalid_epc_uri`.
    pub fn code(&self) -> &'static str {
        match self {
            Syntax::ElementString => "invalid_element_string",
            Syntax::DigitalLink => "invalid_digital_link",
            Syntax::EpcUri => "invalid_epc_uri",
        }
    }

    fn name(&self) -> &'static str {
        match self {
            Syntax::ElementString => "element string",
            Syntax::DigitalLink => "GS1 Digital Link URI",
            Syntax::EpcUri => "EPC URI",
        }
    }
}

/// An input that breaks a rule of a GS1 syntax. The [`rule`](Gs1Error::rule) is a stable
/// snake_case code named after the GS1 Syntax Engine's error (`incorrect_check_digit`,
/// `invalid_key_qualifier_sequence`, ...); [`position`](Gs1Error::position) is the byte offset
/// in the whole input where the offending part starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gs1Error {
    /// What the input was read as.
    pub syntax: Syntax,
    /// The rule broken.
    pub rule: &'static str,
    /// The AI concerned, when there is one.
    pub ai: Option<String>,
    /// Byte offset in the input.
    pub position: usize,
    /// Length of the offending part, in bytes.
    pub length: usize,
    /// What is wrong, for people.
    pub message: String,
}

impl Gs1Error {
    /// The [`crate::Error`] for a broken rule.
    pub(crate) fn error(
        syntax: Syntax,
        rule: &'static str,
        ai: Option<&str>,
        position: usize,
        length: usize,
        message: impl Into<String>,
    ) -> crate::Error {
        crate::Error::Gs1(Box::new(Gs1Error {
            syntax,
            rule,
            ai: ai.map(str::to_owned),
            position,
            length,
            message: message.into(),
        }))
    }
}

impl fmt::Display for Gs1Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}: ", self.syntax.name())?;
        if let Some(ai) = &self.ai {
            write!(f, "AI ({ai}) ")?;
        }
        write!(
            f,
            "at position {}: {} ({})",
            self.position, self.message, self.rule
        )
    }
}

//! The closed vocabularies of EPCIS 2.0 fields, and the one form each term takes in an
//! imported event: the bare word for a standard term (`shipping`), whatever form it came in
//! (`https://ref.gs1.org/cbv/BizStep-shipping`, `urn:epcglobal:cbv:bizstep:shipping`,
//! `cbv:BizStep-shipping`), and the absolute URI for anything outside the standard.

use crate::vocab::{BizStep, Disposition, DocumentType, SourceDestType};

/// A vocabulary: its words, and the IRI prefixes its terms are also written with.
pub(crate) struct Vocabulary {
    /// What the field holds, for messages.
    pub name: &'static str,
    pub words: &'static [&'static str],
    /// IRI prefixes that stand for a word of this vocabulary; a URI under one of them that
    /// names no word is an error, not a term outside the standard.
    pub prefixes: &'static [&'static str],
    /// Whether words beyond the list are terms too. GS1's web vocabulary keeps adding
    /// measurement types that the 2.0.1 schema does not list (`EffectiveDoseRate`), and real
    /// documents use them.
    pub open: bool,
}

pub(crate) const BIZ_STEP: Vocabulary = Vocabulary {
    name: "business step",
    words: BizStep::TERMS,
    prefixes: &[
        "https://ref.gs1.org/cbv/BizStep-",
        "urn:epcglobal:cbv:bizstep:",
    ],
    open: false,
};

pub(crate) const DISPOSITION: Vocabulary = Vocabulary {
    name: "disposition",
    words: Disposition::TERMS,
    prefixes: &["https://ref.gs1.org/cbv/Disp-", "urn:epcglobal:cbv:disp:"],
    open: false,
};

pub(crate) const BIZ_TRANSACTION_TYPE: Vocabulary = Vocabulary {
    name: "business transaction type",
    words: DocumentType::TERMS,
    prefixes: &["https://ref.gs1.org/cbv/BTT-", "urn:epcglobal:cbv:btt:"],
    open: false,
};

pub(crate) const SOURCE_DEST_TYPE: Vocabulary = Vocabulary {
    name: "source or destination type",
    words: SourceDestType::TERMS,
    prefixes: &["https://ref.gs1.org/cbv/SDT-", "urn:epcglobal:cbv:sdt:"],
    open: false,
};

pub(crate) const ERROR_REASON: Vocabulary = Vocabulary {
    name: "error reason",
    words: &["did_not_occur", "incorrect_data"],
    prefixes: &["https://ref.gs1.org/cbv/ER-", "urn:epcglobal:cbv:er:"],
    open: false,
};

pub(crate) const COMPONENT: Vocabulary = Vocabulary {
    name: "sensor component",
    words: &[
        "x",
        "y",
        "z",
        "axial_distance",
        "azimuth",
        "height",
        "spherical_radius",
        "polar_angle",
        "elevation_angle",
        "easting",
        "northing",
        "latitude",
        "longitude",
        "altitude",
    ],
    prefixes: &["https://ref.gs1.org/cbv/Comp-"],
    open: false,
};

pub(crate) const SENSOR_ALERT: Vocabulary = Vocabulary {
    name: "sensor alert type",
    words: &["ALARM_CONDITION", "ERROR_CONDITION"],
    prefixes: &["https://gs1.org/voc/", "http://gs1.org/voc/"],
    open: false,
};

/// The measurement types of GS1's web vocabulary (`gs1:MeasurementType`), as the EPCIS 2.0.1
/// JSON schema lists them.
pub(crate) const MEASUREMENT_TYPE: Vocabulary = Vocabulary {
    name: "measurement type",
    words: &[
        "AbsoluteHumidity",
        "AbsorbedDose",
        "AbsorbedDoseRate",
        "Acceleration",
        "Radioactivity",
        "Altitude",
        "AmountOfSubstance",
        "AmountOfSubstancePerUnitVolume",
        "Angle",
        "AngularAcceleration",
        "AngularMomentum",
        "AngularVelocity",
        "Area",
        "Capacitance",
        "Conductance",
        "Conductivity",
        "Count",
        "Density",
        "Dimensionless",
        "DoseEquivalent",
        "DoseEquivalentRate",
        "DynamicViscosity",
        "ElectricCharge",
        "ElectricCurrent",
        "ElectricCurrentDensity",
        "ElectricFieldStrength",
        "Energy",
        "Exposure",
        "Force",
        "Frequency",
        "Illuminance",
        "Inductance",
        "Irradiance",
        "KinematicViscosity",
        "Length",
        "LinearMomentum",
        "Luminance",
        "LuminousFlux",
        "LuminousIntensity",
        "MagneticFlux",
        "MagneticFluxDensity",
        "MagneticVectorPotential",
        "Mass",
        "MassConcentration",
        "MassFlowRate",
        "MassPerAreaTime",
        "MemoryCapacity",
        "MolalityOfSolute",
        "MolarEnergy",
        "MolarMass",
        "MolarVolume",
        "Power",
        "Pressure",
        "RadiantFlux",
        "RadiantIntensity",
        "RelativeHumidity",
        "Resistance",
        "Resistivity",
        "SolidAngle",
        "SpecificVolume",
        "Speed",
        "SurfaceDensity",
        "SurfaceTension",
        "Temperature",
        "Time",
        "Torque",
        "Voltage",
        "Volume",
        "VolumeFlowRate",
        "VolumeFraction",
        "VolumetricFlux",
        "Wavenumber",
    ],
    prefixes: &["https://gs1.org/voc/", "http://gs1.org/voc/"],
    open: true,
};

impl Vocabulary {
    /// Whether `word` is one of the listed terms.
    pub fn lists(&self, word: &str) -> bool {
        self.words.contains(&word)
    }

    /// The term in its one form: `Ok(word)` for a standard term, `Ok(uri)` for another URI,
    /// `Err(message)` for a word or a URI in this vocabulary's namespace that is not a term.
    /// `expanded` is the value with a compact IRI expanded.
    pub fn normalise(&self, expanded: &str) -> Result<String, String> {
        if self.words.contains(&expanded) {
            return Ok(expanded.to_owned());
        }
        let is_word = |w: &str| {
            w.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
                && w.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        };
        if self.open && is_word(expanded) {
            return Ok(expanded.to_owned());
        }
        for prefix in self.prefixes {
            if let Some(word) = expanded.strip_prefix(prefix) {
                return if self.words.contains(&word) || self.open && is_word(word) {
                    Ok(word.to_owned())
                } else {
                    Err(format!("{expanded:?} is not a standard {}", self.name))
                };
            }
        }
        if super::context::is_uri(expanded) {
            Ok(expanded.to_owned())
        } else {
            Err(format!(
                "{expanded:?} is not a standard {}, and a term outside the standard must be a URI",
                self.name
            ))
        }
    }
}

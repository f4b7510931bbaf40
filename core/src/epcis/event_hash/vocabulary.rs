//! The CBV and GS1 vocabularies whose bare terms the EPCIS 2.0 JSON-LD context expands: each
//! with the IRI prefix its terms take. BizStep, Disp, BTT and SDT terms are those of
//! [`crate::vocab`]; the sensor vocabularies are those of the EPCIS 2.0.0 context.

use crate::vocab::{BizStep, Disposition, DocumentType, SourceDestType};

/// A vocabulary: the IRI prefix and the bare terms.
#[derive(Clone, Copy)]
pub(super) struct Table {
    pub prefix: &'static str,
    pub terms: &'static [&'static str],
}

pub(super) const BIZ_STEP: Table = Table {
    prefix: "https://ref.gs1.org/cbv/BizStep-",
    terms: BizStep::TERMS,
};
pub(super) const DISPOSITION: Table = Table {
    prefix: "https://ref.gs1.org/cbv/Disp-",
    terms: Disposition::TERMS,
};
pub(super) const BIZ_TRANSACTION_TYPE: Table = Table {
    prefix: "https://ref.gs1.org/cbv/BTT-",
    terms: DocumentType::TERMS,
};
pub(super) const SOURCE_DESTINATION_TYPE: Table = Table {
    prefix: "https://ref.gs1.org/cbv/SDT-",
    terms: SourceDestType::TERMS,
};
pub(super) const SENSOR_TYPE: Table = Table {
    prefix: "https://ref.gs1.org/voc/",
    terms: SENSOR_TYPES,
};
pub(super) const SENSOR_EXCEPTION: Table = Table {
    prefix: "https://ref.gs1.org/voc/",
    terms: SENSOR_EXCEPTIONS,
};
pub(super) const COMPONENT: Table = Table {
    prefix: "https://ref.gs1.org/cbv/Comp-",
    terms: COMPONENTS,
};
pub(super) const ERROR_REASON: Table = Table {
    prefix: "https://ref.gs1.org/cbv/ER-",
    terms: ERROR_REASONS,
};

/// Whether `iri` is in one of GS1's vocabulary namespaces.
pub(super) fn is_gs1(iri: &str) -> bool {
    [
        "https://ref.gs1.org/cbv",
        "https://gs1.org/voc",
        "https://ref.gs1.org/voc",
    ]
    .iter()
    .any(|p| iri.starts_with(p))
}

const SENSOR_TYPES: &[&str] = &[
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
];
const SENSOR_EXCEPTIONS: &[&str] = &["ALARM_CONDITION", "ERROR_CONDITION"];
const COMPONENTS: &[&str] = &[
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
];
const ERROR_REASONS: &[&str] = &["did_not_occur", "incorrect_data"];

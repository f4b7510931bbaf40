//! The EPCIS 2.0.1 JSON schema as data: what each standard field holds, which objects are
//! closed or take extensions, and which fields each event type has and requires. The reader
//! ([`super::normal`]) walks events along these tables.

use super::terms::{self, Vocabulary};

/// What a standard field holds.
#[derive(Clone, Copy)]
pub(super) enum Kind {
    Text,
    Time,
    /// The event time: also within the years the record model keeps (1970 to 9999).
    EventTime,
    Offset,
    Uri,
    /// A URI or a list of them (`certificationInfo`).
    UriOrList,
    /// A list of distinct identifiers.
    Ids,
    Uris,
    Number,
    Bool,
    Hex,
    Uom,
    Action,
    Term(&'static Vocabulary),
    /// A non-empty list of distinct terms.
    Terms(&'static Vocabulary),
    Object(&'static Shape),
    Objects(&'static Shape),
    /// A non-empty list of objects.
    NonEmptyObjects(&'static Shape),
    /// Namespaced fields only (`ilmd`).
    Extensions,
}

/// An object of the standard: its fields, which of them it requires, and whether it takes
/// namespaced extension fields besides.
pub(super) struct Shape {
    pub fields: &'static [(&'static str, Kind)],
    pub required: &'static [&'static str],
    /// At least one of these must be present.
    pub any_of: &'static [&'static str],
    pub extensible: bool,
}

const QUANTITY: Shape = Shape {
    fields: &[
        ("epcClass", Kind::Uri),
        ("quantity", Kind::Number),
        ("uom", Kind::Uom),
    ],
    required: &["epcClass"],
    any_of: &[],
    extensible: false,
};
const LOCATION: Shape = Shape {
    fields: &[("id", Kind::Uri)],
    required: &["id"],
    any_of: &[],
    extensible: true,
};
const BIZ_TRANSACTION: Shape = Shape {
    fields: &[
        ("type", Kind::Term(&terms::BIZ_TRANSACTION_TYPE)),
        ("bizTransaction", Kind::Uri),
    ],
    required: &["bizTransaction"],
    any_of: &[],
    extensible: false,
};
const SOURCE: Shape = Shape {
    fields: &[
        ("type", Kind::Term(&terms::SOURCE_DEST_TYPE)),
        ("source", Kind::Uri),
    ],
    required: &["type", "source"],
    any_of: &[],
    extensible: false,
};
const DESTINATION: Shape = Shape {
    fields: &[
        ("type", Kind::Term(&terms::SOURCE_DEST_TYPE)),
        ("destination", Kind::Uri),
    ],
    required: &["type", "destination"],
    any_of: &[],
    extensible: false,
};
const ERROR_DECLARATION: Shape = Shape {
    fields: &[
        ("declarationTime", Kind::Time),
        ("reason", Kind::Term(&terms::ERROR_REASON)),
        ("correctiveEventIDs", Kind::Uris),
    ],
    required: &["declarationTime"],
    any_of: &[],
    extensible: true,
};
const PERSISTENT_DISPOSITION: Shape = Shape {
    fields: &[
        ("set", Kind::Terms(&terms::DISPOSITION)),
        ("unset", Kind::Terms(&terms::DISPOSITION)),
    ],
    required: &[],
    any_of: &["set", "unset"],
    extensible: false,
};
const SENSOR_METADATA: Shape = Shape {
    fields: &[
        ("time", Kind::Time),
        ("startTime", Kind::Time),
        ("endTime", Kind::Time),
        ("deviceID", Kind::Uri),
        ("deviceMetadata", Kind::Uri),
        ("rawData", Kind::Uri),
        ("dataProcessingMethod", Kind::Uri),
        ("bizRules", Kind::Uri),
    ],
    required: &[],
    any_of: &[],
    extensible: true,
};
const SENSOR_REPORT: Shape = Shape {
    fields: &[
        ("type", Kind::Term(&terms::MEASUREMENT_TYPE)),
        ("exception", Kind::Term(&terms::SENSOR_ALERT)),
        ("deviceID", Kind::Uri),
        ("deviceMetadata", Kind::Uri),
        ("rawData", Kind::Uri),
        ("dataProcessingMethod", Kind::Uri),
        ("bizRules", Kind::Uri),
        ("time", Kind::Time),
        ("microorganism", Kind::Uri),
        ("chemicalSubstance", Kind::Uri),
        ("coordinateReferenceSystem", Kind::Uri),
        ("value", Kind::Number),
        ("component", Kind::Term(&terms::COMPONENT)),
        ("stringValue", Kind::Text),
        ("booleanValue", Kind::Bool),
        ("hexBinaryValue", Kind::Hex),
        ("uriValue", Kind::Uri),
        ("minValue", Kind::Number),
        ("maxValue", Kind::Number),
        ("meanValue", Kind::Number),
        ("sDev", Kind::Number),
        ("percRank", Kind::Number),
        ("percValue", Kind::Number),
        ("uom", Kind::Text),
    ],
    // The 2.0.1 JSON schema requires a measurement type, but real documents (openepcis's
    // conformance set among them) report an exception without one; such a report is kept.
    required: &[],
    any_of: &["type", "exception"],
    extensible: true,
};
const SENSOR_ELEMENT: Shape = Shape {
    fields: &[
        ("sensorMetadata", Kind::Object(&SENSOR_METADATA)),
        ("sensorReport", Kind::NonEmptyObjects(&SENSOR_REPORT)),
    ],
    required: &["sensorReport"],
    any_of: &[],
    extensible: true,
};

/// The fields every event has.
const COMMON: &[(&str, Kind)] = &[
    ("eventTime", Kind::EventTime),
    ("recordTime", Kind::Time),
    ("eventTimeZoneOffset", Kind::Offset),
    ("eventID", Kind::Uri),
    ("certificationInfo", Kind::UriOrList),
    ("errorDeclaration", Kind::Object(&ERROR_DECLARATION)),
];

/// The fields of the "what, where, why" dimensions most event types share.
const SHARED: [(&str, Kind); 9] = [
    ("bizStep", Kind::Term(&terms::BIZ_STEP)),
    ("disposition", Kind::Term(&terms::DISPOSITION)),
    (
        "persistentDisposition",
        Kind::Object(&PERSISTENT_DISPOSITION),
    ),
    ("readPoint", Kind::Object(&LOCATION)),
    ("bizLocation", Kind::Object(&LOCATION)),
    ("bizTransactionList", Kind::Objects(&BIZ_TRANSACTION)),
    ("sourceList", Kind::Objects(&SOURCE)),
    ("destinationList", Kind::Objects(&DESTINATION)),
    ("sensorElementList", Kind::Objects(&SENSOR_ELEMENT)),
];

/// The event types of EPCIS 2.0, with the fields of each beyond [`COMMON`] and [`SHARED`].
const TYPES: [(&str, &[(&str, Kind)]); 5] = [
    (
        "ObjectEvent",
        &[
            ("action", Kind::Action),
            ("epcList", Kind::Ids),
            ("quantityList", Kind::Objects(&QUANTITY)),
            ("ilmd", Kind::Extensions),
        ],
    ),
    (
        "AggregationEvent",
        &[
            ("action", Kind::Action),
            ("parentID", Kind::Uri),
            ("childEPCs", Kind::Ids),
            ("childQuantityList", Kind::Objects(&QUANTITY)),
        ],
    ),
    (
        "TransactionEvent",
        &[
            ("action", Kind::Action),
            ("parentID", Kind::Uri),
            ("epcList", Kind::Ids),
            ("quantityList", Kind::Objects(&QUANTITY)),
        ],
    ),
    (
        "TransformationEvent",
        &[
            ("inputEPCList", Kind::Ids),
            ("inputQuantityList", Kind::Objects(&QUANTITY)),
            ("outputEPCList", Kind::Ids),
            ("outputQuantityList", Kind::Objects(&QUANTITY)),
            ("transformationID", Kind::Uri),
            ("ilmd", Kind::Extensions),
        ],
    ),
    (
        "AssociationEvent",
        &[
            ("action", Kind::Action),
            ("parentID", Kind::Uri),
            ("childEPCs", Kind::Ids),
            ("childQuantityList", Kind::Objects(&QUANTITY)),
        ],
    ),
];

/// The names of the EPCIS 2.0 event types.
pub const EVENT_TYPES: [&str; 5] = [
    "ObjectEvent",
    "AggregationEvent",
    "TransactionEvent",
    "TransformationEvent",
    "AssociationEvent",
];

pub(super) fn field_kind(event_type: &str, key: &str) -> Option<Kind> {
    let specific = TYPES
        .iter()
        .find(|(t, _)| *t == event_type)
        .map(|(_, f)| *f);
    let find = |fields: &[(&str, Kind)]| fields.iter().find(|(k, _)| *k == key).map(|(_, k)| *k);
    find(COMMON).or_else(|| {
        let specific = specific?;
        // A transformation has no action but shares the other dimensions.
        find(specific).or_else(|| find(&SHARED))
    })
}

/// A standard field of some event type (so not an extension of this one).
pub(super) fn is_standard_field(key: &str) -> bool {
    key == "type"
        || COMMON.iter().any(|(k, _)| *k == key)
        || SHARED.iter().any(|(k, _)| *k == key)
        || TYPES.iter().any(|(_, f)| f.iter().any(|(k, _)| *k == key))
}

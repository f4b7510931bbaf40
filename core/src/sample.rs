//! A small, fixed supply chain: an authority, a dairy and a shop, their keys and certificates,
//! and the records of one lot from milking to sale. The spec's vectors, the examples, the docs
//! and the command-line demo all start from it, so every language sees the same bytes.
//!
//! Keys come from fixed seeds ([`key`]): never use them for anything real.

use crate::chain::ChainSigner;
use crate::codec::{Set, Text};
use crate::error::Result;
use crate::ids::{ClassId, CompanyPrefix, Gln, Gtin, Lgtin, ObjectId, Sgln, Sgtin, Sscc};
use crate::keys::SecretKey;
use crate::record::{
    Aggregation, AggregationAction, Body, Commission, Document, Event, Extensions, Goods, Location,
    NoticeStatus, Quantity, QuantityElement, RecallAction, RecallClass, RecallNotice, RecallScope,
    Record, SignedRecord, SourceDest, Status, StatusChange, Transfer, Transformation,
};
use crate::time::{EventTime, Timestamp};
use crate::trust::{KeyCertificate, KeyRevocation, PartyScope, RevocationReason, TrustStore};
use crate::vocab::{BizStep, Disposition, DocumentType, SourceDestType};

/// The fixed key named `label`: its seed is BLAKE3 in key-derivation mode with context
/// `"tracemark sample key v1"` over the label's UTF-8 bytes.
pub fn key(label: &str) -> SecretKey {
    SecretKey::from_seed(blake3::derive_key(
        "tracemark sample key v1",
        label.as_bytes(),
    ))
}

/// 2026-03-02T08:00:00+07:00 plus `hours`, as an event time in Vietnam's zone.
pub fn at(hours: i64) -> Result<EventTime> {
    const START_MILLIS: i64 = 1_772_413_200_000; // 2026-03-02T01:00:00Z
    EventTime::new(
        Timestamp::from_unix_millis(START_MILLIS + hours * 3_600_000)?,
        7 * 60,
    )
}

/// The parties and products of the sample, all with valid check digits.
#[derive(Clone, Debug)]
pub struct Catalogue {
    /// The dairy's company prefix.
    pub dairy_prefix: CompanyPrefix,
    /// The dairy (party).
    pub dairy: Gln,
    /// The shop's company prefix.
    pub shop_prefix: CompanyPrefix,
    /// The shop (party).
    pub shop: Gln,
    /// Raw milk, counted in litres.
    pub milk: Gtin,
    /// Yoghurt cups, serialised.
    pub yoghurt: Gtin,
    /// The milk lot.
    pub milk_lot: Lgtin,
    /// The yoghurt lot.
    pub yoghurt_lot: Lgtin,
    /// The case the cups are packed in.
    pub case: Sscc,
}

impl Catalogue {
    /// The fixed catalogue.
    pub fn new() -> Result<Catalogue> {
        let milk = Gtin::with_check_digit("0893000001001")?;
        let yoghurt = Gtin::with_check_digit("0893000001002")?;
        Ok(Catalogue {
            dairy_prefix: CompanyPrefix::parse("893000001")?,
            dairy: Gln::with_check_digit("893000001000")?,
            shop_prefix: CompanyPrefix::parse("893000002")?,
            shop: Gln::with_check_digit("893000002000")?,
            milk_lot: Lgtin::new(milk, "M2603A".parse()?),
            yoghurt_lot: Lgtin::new(yoghurt, "Y2603A".parse()?),
            milk,
            yoghurt,
            case: Sscc::with_check_digit("08930000010000001")?,
        })
    }

    /// Yoghurt cup number `n` of the lot.
    pub fn cup(&self, n: u32) -> Result<ObjectId> {
        Ok(ObjectId::Item(Sgtin::new(
            self.yoghurt,
            format!("Y{n:05}").parse()?,
        )))
    }
}

/// A commission of 500 litres of milk, signed by nobody yet: the smallest complete record.
pub fn first_commission() -> Record {
    // The catalogue and times are fixed and valid; a failure here is a bug in this module.
    sample_commission().unwrap_or_else(|e| unreachable!("the sample commission is valid: {e}"))
}

fn sample_commission() -> Result<Record> {
    let cat = Catalogue::new()?;
    Ok(Record {
        signer: key("dairy").public_key(),
        seq: 0,
        prev: None,
        signed_at: at(0)?.at(),
        party: Some(cat.dairy),
        body: Body::Commission(Commission {
            goods: litres(&cat.milk_lot, 500)?,
            production_date: Some("2026-03-02".parse()?),
            expiry_date: Some("2026-03-09".parse()?),
            event: event(0, BizStep::Commissioning, Disposition::Active, cat.dairy)?,
        }),
    })
}

fn litres(lot: &Lgtin, n: u32) -> Result<Goods> {
    let quantity = Quantity::new(Quantity::count(n).value, Some("LTR".parse()?))?;
    Goods::quantities(vec![QuantityElement {
        class: ClassId::Lot(lot.clone()),
        quantity: Some(quantity),
    }])
}

fn event(hours: i64, step: BizStep, disposition: Disposition, place: Gln) -> Result<Event> {
    let mut e = Event::at(at(hours)?);
    e.biz_step = Some(step);
    e.disposition = Some(disposition);
    e.read_point = Some(Location::Gln(Sgln::new(place)));
    e.biz_location = Some(Location::Gln(Sgln::new(place)));
    Ok(e)
}

/// The sample chain: trust set up, records signed, nothing verified yet.
#[derive(Debug)]
pub struct SupplyChain {
    /// Parties and products.
    pub catalogue: Catalogue,
    /// The authority's root key.
    pub authority: SecretKey,
    /// A trust store with the authority as anchor and every certificate added.
    pub trust: TrustStore,
    /// The authority's chain (certificates).
    pub authority_chain: ChainSigner,
    /// The dairy's chain.
    pub dairy: ChainSigner,
    /// The shop's chain.
    pub shop: ChainSigner,
    /// Every record, in signing order: certificates first.
    pub records: Vec<SignedRecord>,
}

impl SupplyChain {
    /// Builds the sample: the authority certifies the dairy and the shop; the dairy
    /// commissions milk, makes yoghurt, packs 12 cups into a case and ships it; the shop
    /// receives it and sells a cup; the dairy recalls the yoghurt lot.
    pub fn build() -> Result<SupplyChain> {
        let cat = Catalogue::new()?;
        let authority = key("authority");
        let mut trust = TrustStore::new();
        trust.add_anchor(authority.public_key(), "Sample Food Safety Authority");
        let mut authority_chain = ChainSigner::new(key("authority"), None);
        let mut dairy = ChainSigner::new(key("dairy"), Some(cat.dairy));
        let mut shop = ChainSigner::new(key("shop"), Some(cat.shop));
        let mut records = Vec::new();

        let t0 = at(-24)?.at();
        for (who, name, prefix) in [
            (&dairy, "Sample Dairy", &cat.dairy_prefix),
            (&shop, "Sample Shop", &cat.shop_prefix),
        ] {
            let cert = certificate(who.public_key(), name, prefix, t0)?;
            let signed = authority_chain.sign(t0, Body::KeyCertificate(cert))?;
            trust.add(&signed)?;
            records.push(signed);
        }

        let mut push = |chain: &mut ChainSigner, hours: i64, body: Body| -> Result<()> {
            let signed = chain.sign(at(hours)?.at(), body)?;
            records.push(signed);
            Ok(())
        };

        push(&mut dairy, 0, sample_commission()?.body)?;
        let cups: Vec<ObjectId> = (1..=12).map(|n| cat.cup(n)).collect::<Result<_>>()?;
        let mut make = event(2, BizStep::Commissioning, Disposition::Active, cat.dairy)?;
        make.extensions = Extensions::from_json(&serde_json::json!({
            "https://example.com/dairy#fatPercent": 3.5,
            "https://example.com/dairy#line": "B"
        }))?;
        push(
            &mut dairy,
            2,
            Body::Transformation(Transformation {
                transformation_id: Some(Text::new(
                    "urn:uuid:6d5c0c4a-3b1e-4a39-9a8a-2f1c1d0e7b01",
                )?),
                inputs: litres(&cat.milk_lot, 120)?,
                outputs: Goods {
                    objects: Set::new(cups.clone())?,
                    quantities: Set::empty(),
                },
                event: make,
            }),
        )?;
        push(
            &mut dairy,
            3,
            Body::Aggregation(Aggregation {
                action: AggregationAction::Pack,
                parent: ObjectId::Unit(cat.case),
                children: Goods::objects(cups.clone())?,
                event: event(3, BizStep::Packing, Disposition::InProgress, cat.dairy)?,
            }),
        )?;
        let mut ship = event(5, BizStep::Shipping, Disposition::InTransit, cat.dairy)?;
        ship.sources = Set::new(vec![SourceDest {
            kind: SourceDestType::OwningParty,
            id: Location::Gln(Sgln::new(cat.dairy)),
        }])?;
        ship.destinations = Set::new(vec![SourceDest {
            kind: SourceDestType::OwningParty,
            id: Location::Gln(Sgln::new(cat.shop)),
        }])?;
        ship.documents = Set::new(vec![
            Document::new(Some(DocumentType::DespatchAdvice), "DA-2026-0042")?,
            Document::new(Some(DocumentType::PurchaseOrder), "PO-7731")?,
        ])?;
        let mut receive = ship.clone();
        receive.time = at(9)?;
        receive.biz_step = Some(BizStep::Receiving);
        receive.disposition = Some(Disposition::SellableAccessible);
        receive.read_point = Some(Location::Gln(Sgln::new(cat.shop)));
        receive.biz_location = Some(Location::Gln(Sgln::new(cat.shop)));
        let case = Goods::objects(vec![ObjectId::Unit(cat.case)])?;
        push(
            &mut dairy,
            5,
            Body::Shipping(Transfer {
                goods: case.clone(),
                event: ship,
            }),
        )?;
        push(
            &mut shop,
            9,
            Body::Receiving(Transfer {
                goods: case,
                event: receive,
            }),
        )?;
        push(
            &mut shop,
            30,
            Body::StatusChange(StatusChange {
                status: Status::Sold,
                goods: Goods::objects(vec![cat.cup(1)?])?,
                event: event(
                    30,
                    BizStep::RetailSelling,
                    Disposition::RetailSold,
                    cat.shop,
                )?,
            }),
        )?;
        push(
            &mut dairy,
            48,
            Body::RecallNotice(RecallNotice {
                notice_id: Text::new("RCL-2026-001")?,
                revision: 0,
                status: NoticeStatus::Active,
                supersedes: None,
                scope: RecallScope {
                    lots: Set::new(vec![cat.yoghurt_lot.clone()])?,
                    input_lots: Set::new(vec![cat.milk_lot.clone()])?,
                    ..RecallScope::default()
                },
                reason: Text::new(
                    "Listeria monocytogenes found in a retained sample of the milk lot",
                )?,
                classification: RecallClass::ClassI,
                actions: Set::new(vec![RecallAction::StopSale, RecallAction::NotifyCustomers])?,
            }),
        )?;
        Ok(SupplyChain {
            catalogue: cat,
            authority,
            trust,
            authority_chain,
            dairy,
            shop,
            records,
        })
    }

    /// Has the authority revoke `key` with `reason` from `effective`, and adds the revocation to
    /// the trust store.
    pub fn revoke(
        &mut self,
        key: &crate::keys::PublicKey,
        reason: RevocationReason,
        effective: Timestamp,
        compromised_since: Option<Timestamp>,
    ) -> Result<SignedRecord> {
        let revocation = KeyRevocation {
            key: *key,
            reason,
            effective,
            compromised_since,
            last_good_seq: None,
        };
        let signed = self
            .authority_chain
            .sign(effective, Body::KeyRevocation(revocation))?;
        self.trust.add(&signed)?;
        Ok(signed)
    }
}

/// A certificate for a company key: every event kind and recall notices, for every GLN under
/// the company prefix, valid for a year from `from`.
pub fn certificate(
    subject: crate::keys::PublicKey,
    name: &str,
    prefix: &CompanyPrefix,
    from: Timestamp,
) -> Result<KeyCertificate> {
    use crate::record::RecordKind as K;
    Ok(KeyCertificate {
        subject,
        subject_name: Text::new(name)?,
        parties: Set::new(vec![PartyScope::CompanyPrefix(prefix.clone())])?,
        kinds: Set::new(vec![
            K::Commission,
            K::Aggregation,
            K::Shipping,
            K::Receiving,
            K::Transformation,
            K::StatusChange,
            K::RecallNotice,
        ])?,
        valid_from: from,
        valid_until: Timestamp::from_unix_millis(from.unix_millis() + 365 * 86_400_000)?,
        may_certify: false,
        replaces: None,
    })
}

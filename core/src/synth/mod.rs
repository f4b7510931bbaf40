//! Synthetic supply chains: seeded, realistic enough to study, as signed records.
//!
//! Farms commission lots of raw product; packers receive lots from several farms and transform
//! them (merging inputs) into a new lot of serialised packs, packed into cases and cases onto pallets;
//! pallets ship to distribution centres, which unpack them and ship cases on to retailers;
//! retailers sell packs, and some packs come back and are returned up the chain (so the party
//! graph has cycles). Every shipment carries a despatch advice and a purchase order. The trust
//! setup has an authority, one certified key per company, one key rotation (the first packer,
//! half-way) and one revocation (a retailer that stops trading, after its last record).
//!
//! The same seed and parameters always give the same records, byte for byte.
//!
//! ```
//! use tracemark::synth::{generate, Params};
//! let chain = generate(&Params { days: 2, ..Params::small() })?;
//! let batch = tracemark::verify::verify_batch(chain.records.clone(), &chain.trust);
//! assert_eq!(batch.verdict(), tracemark::verify::Verdict::Valid);
//! # Ok::<(), tracemark::Error>(())
//! ```

mod columns;
pub use columns::{GraphColumns, GraphParams, graph_columns};

use rand_chacha::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};

use crate::chain::ChainSigner;
use crate::codec::{Set, Text};
use crate::error::Result;
use crate::ids::{ClassId, CompanyPrefix, Gln, Gtin, Lgtin, ObjectId, Sgln, Sgtin, Sscc};
use crate::record::{
    Aggregation, AggregationAction, Body, Commission, Document, Event, Goods, Location, Quantity,
    QuantityElement, SignedRecord, SourceDest, Status, StatusChange, Transfer, Transformation,
};
use crate::time::{EventTime, Timestamp};
use crate::trust::{KeyRevocation, RevocationReason, TrustStore};
use crate::vocab::{BizStep, Disposition, DocumentType, SourceDestType};

/// The shape of a synthetic supply chain.
#[derive(Clone, Debug)]
pub struct Params {
    /// Seed of the pseudo-random choices (which farm supplies which packer, how many packs
    /// sell...). Keys do not depend on it.
    pub seed: u64,
    /// Days of trading.
    pub days: u32,
    /// Farms (or manufacturers of raw material); each commissions one lot a day.
    pub farms: u32,
    /// Packers; each takes lots from `inputs_per_transformation` farms a day.
    pub packers: u32,
    /// Lots merged in each packer's daily transformation (the merge ratio).
    pub inputs_per_transformation: u32,
    /// Distribution centres.
    pub distribution_centres: u32,
    /// Retailers.
    pub retailers: u32,
    /// Serialised packs per case.
    pub packs_per_case: u32,
    /// Cases per pallet, and so per packer per day.
    pub cases_per_pallet: u32,
    /// Share of sold packs returned by consumers, in per mille.
    pub returns_per_mille: u32,
}

impl Params {
    /// A few hundred records: 2 farms, 1 packer, 1 distribution centre, 2 retailers.
    pub fn small() -> Params {
        Params {
            seed: 1,
            days: 3,
            farms: 2,
            packers: 1,
            inputs_per_transformation: 2,
            distribution_centres: 1,
            retailers: 2,
            packs_per_case: 6,
            cases_per_pallet: 4,
            returns_per_mille: 50,
        }
    }

    /// About 100,000 records: the README's main job.
    pub fn demo() -> Params {
        Params {
            seed: 2026,
            days: 140,
            farms: 40,
            packers: 10,
            inputs_per_transformation: 4,
            distribution_centres: 4,
            retailers: 60,
            packs_per_case: 12,
            cases_per_pallet: 12,
            returns_per_mille: 20,
        }
    }
}

/// One company: its key chain, party GLN and GS1 company prefix.
#[derive(Debug)]
pub struct Company {
    /// Its name.
    pub name: String,
    /// Its GS1 company prefix.
    pub prefix: CompanyPrefix,
    /// Its main GLN.
    pub gln: Gln,
    /// Its signing chain.
    pub signer: ChainSigner,
}

/// A generated supply chain.
#[derive(Debug)]
pub struct SyntheticChain {
    /// A trust store with the authority as anchor and every certificate and revocation.
    pub trust: TrustStore,
    /// Every record in signing order (certificates first).
    pub records: Vec<SignedRecord>,
    /// The companies, farms first, then packers, distribution centres and retailers.
    pub companies: Vec<Company>,
}

const DAY_MS: i64 = 86_400_000;
/// 2026-01-05T00:00:00Z, a Monday.
const START_MS: i64 = 1_767_571_200_000;

struct Builder {
    rng: ChaCha8Rng,
    records: Vec<SignedRecord>,
    trust: TrustStore,
    authority: ChainSigner,
    companies: Vec<Company>,
    /// Each company's last signing time: a signer records an event when it happened or later,
    /// never back in time along its chain.
    last_signed: Vec<Timestamp>,
    serial: u64,
    sscc: u64,
}

/// Generates a supply chain with `params`.
pub fn generate(params: &Params) -> Result<SyntheticChain> {
    let authority = crate::sample::key("synth authority");
    let mut trust = TrustStore::new();
    trust.add_anchor(authority.public_key(), "Synthetic Food Authority");
    let mut b = Builder {
        rng: ChaCha8Rng::seed_from_u64(params.seed),
        records: Vec::new(),
        trust,
        authority: ChainSigner::new(authority, None),
        companies: Vec::new(),
        last_signed: Vec::new(),
        serial: 0,
        sscc: 0,
    };
    let roles = [
        ("Farm", params.farms),
        ("Packer", params.packers),
        ("Distribution Centre", params.distribution_centres),
        ("Retailer", params.retailers),
    ];
    let mut index = 0u32;
    for (role, count) in roles {
        for n in 1..=count {
            index += 1;
            b.add_company(&format!("{role} {n}"), index)?;
        }
    }
    let first = |role: usize| -> usize { roles[..role].iter().map(|r| r.1 as usize).sum() };
    let (farms, packers, dcs, shops) = (first(0), first(1), first(2), first(3));
    for day in 0..params.days {
        if params.packers > 0 && day == params.days / 2 {
            b.rotate(packers, day)?;
        }
        b.trading_day(params, day, farms, packers, dcs, shops)?;
    }
    if params.retailers > 0 {
        // After the last day's deliveries and sales (which run into the next day).
        b.retire(shops, params.days + 2)?;
    }
    Ok(SyntheticChain {
        trust: b.trust,
        records: b.records,
        companies: b.companies,
    })
}

fn at(day: u32, hour: u32, minute: u32) -> Result<EventTime> {
    let ms = START_MS
        + i64::from(day) * DAY_MS
        + i64::from(hour) * 3_600_000
        + i64::from(minute) * 60_000;
    EventTime::new(Timestamp::from_unix_millis(ms)?, 7 * 60)
}

fn place(gln: Gln) -> Location {
    Location::Gln(Sgln::new(gln))
}

fn party(kind: SourceDestType, gln: Gln) -> SourceDest {
    SourceDest {
        kind,
        id: place(gln),
    }
}

impl Builder {
    fn add_company(&mut self, name: &str, index: u32) -> Result<()> {
        let prefix = CompanyPrefix::parse(&format!("89{index:07}"))?;
        let gln = Gln::with_check_digit(&format!("{prefix}000"))?;
        let key = crate::sample::key(&format!("synth {name}"));
        let cert = crate::sample::certificate(key.public_key(), name, &prefix, self.t0()?)?;
        self.certify(cert, 0)?;
        let signer = ChainSigner::new(key, Some(gln));
        self.companies.push(Company {
            name: name.to_owned(),
            prefix,
            gln,
            signer,
        });
        self.last_signed.push(self.t0()?);
        Ok(())
    }

    fn t0(&self) -> Result<Timestamp> {
        Timestamp::from_unix_millis(START_MS - DAY_MS)
    }

    fn certify(&mut self, cert: crate::trust::KeyCertificate, day: u32) -> Result<()> {
        let signed = self
            .authority
            .sign(at(day, 0, 0)?.at(), Body::KeyCertificate(cert))?;
        self.trust.add(&signed)?;
        self.records.push(signed);
        Ok(())
    }

    /// The company's key is replaced at the start of `day`; the old one is retired then.
    fn rotate(&mut self, company: usize, day: u32) -> Result<()> {
        let c = &self.companies[company];
        let old = c.signer.public_key();
        let new_key = crate::sample::key(&format!("synth {} rotated", c.name));
        let mut cert = crate::sample::certificate(
            new_key.public_key(),
            &c.name,
            &c.prefix,
            at(day, 0, 0)?.at(),
        )?;
        cert.replaces = Some(old);
        let gln = c.gln;
        self.certify(cert, day)?;
        self.revoke(old, RevocationReason::Superseded, day)?;
        self.companies[company].signer = ChainSigner::new(new_key, Some(gln));
        Ok(())
    }

    /// The company stops trading after its last record.
    fn retire(&mut self, company: usize, day: u32) -> Result<()> {
        let key = self.companies[company].signer.public_key();
        self.revoke(key, RevocationReason::CessationOfOperation, day)
    }

    fn revoke(
        &mut self,
        key: crate::keys::PublicKey,
        reason: RevocationReason,
        day: u32,
    ) -> Result<()> {
        let when = at(day, 0, 0)?.at();
        let revocation = KeyRevocation {
            key,
            reason,
            effective: when,
            compromised_since: None,
            last_good_seq: None,
        };
        let signed = self.authority.sign(when, Body::KeyRevocation(revocation))?;
        self.trust.add(&signed)?;
        self.records.push(signed);
        Ok(())
    }

    fn sign(&mut self, company: usize, time: EventTime, body: Body) -> Result<()> {
        let signed_at = time.at().max(self.last_signed[company]);
        self.last_signed[company] = signed_at;
        let signed = self.companies[company].signer.sign(signed_at, body)?;
        self.records.push(signed);
        Ok(())
    }

    fn event(&self, company: usize, time: EventTime, step: BizStep, disp: Disposition) -> Event {
        let gln = self.companies[company].gln;
        let mut e = Event::at(time);
        e.biz_step = Some(step);
        e.disposition = Some(disp);
        e.read_point = Some(place(gln));
        e.biz_location = Some(place(gln));
        e
    }

    fn gtin(&self, company: usize, item: u32) -> Result<Gtin> {
        Gtin::with_check_digit(&format!("0{}{item:03}", self.companies[company].prefix))
    }

    fn next_sscc(&mut self, company: usize) -> Result<Sscc> {
        self.sscc += 1;
        Sscc::with_check_digit(&format!(
            "0{}{:07}",
            self.companies[company].prefix,
            self.sscc % 10_000_000
        ))
    }

    fn pack(&mut self) -> Result<ObjectId> {
        self.serial += 1;
        // The packs' GTIN is the first packer's product 1; each packer has its own below.
        Ok(ObjectId::Item(Sgtin::new(
            self.product()?,
            format!("S{}", self.serial).parse()?,
        )))
    }

    fn product(&self) -> Result<Gtin> {
        Gtin::with_check_digit("0890000000001")
    }

    /// A shipment from `from` and its receipt at `to`, `hours` later.
    fn transfer(
        &mut self,
        from: usize,
        to: usize,
        goods: Goods,
        time: EventTime,
        hours: u32,
        doc: u64,
    ) -> Result<()> {
        let (src, dst) = (self.companies[from].gln, self.companies[to].gln);
        let mut ship = self.event(from, time, BizStep::Shipping, Disposition::InTransit);
        ship.sources = Set::new(vec![party(SourceDestType::OwningParty, src)])?;
        ship.destinations = Set::new(vec![party(SourceDestType::OwningParty, dst)])?;
        ship.documents = Set::new(vec![
            Document::new(Some(DocumentType::DespatchAdvice), &format!("DA-{doc}"))?,
            Document::new(Some(DocumentType::PurchaseOrder), &format!("PO-{doc}"))?,
        ])?;
        let arrive = EventTime::new(
            Timestamp::from_unix_millis(time.at().unix_millis() + i64::from(hours) * 3_600_000)?,
            7 * 60,
        )?;
        let mut receive = self.event(
            to,
            arrive,
            BizStep::Receiving,
            Disposition::SellableAccessible,
        );
        receive.sources = ship.sources.clone();
        receive.destinations = ship.destinations.clone();
        receive.documents = ship.documents.clone();
        self.sign(
            from,
            time,
            Body::Shipping(Transfer {
                goods: goods.clone(),
                event: ship,
            }),
        )?;
        self.sign(
            to,
            arrive,
            Body::Receiving(Transfer {
                goods,
                event: receive,
            }),
        )
    }

    fn trading_day(
        &mut self,
        p: &Params,
        day: u32,
        farms: usize,
        packers: usize,
        dcs: usize,
        shops: usize,
    ) -> Result<()> {
        let mut doc = u64::from(day) * 1_000_000;
        // Farms commission a lot each.
        let mut lots = Vec::new();
        for f in 0..p.farms as usize {
            let lot = Lgtin::new(self.gtin(farms + f, 1)?, format!("D{day}F{f}").parse()?);
            let kg = Quantity::new(
                Quantity::count(500 + self.rng.next_u32() % 500).value,
                Some("KGM".parse()?),
            )?;
            let goods = Goods::quantities(vec![QuantityElement {
                class: ClassId::Lot(lot.clone()),
                quantity: Some(kg),
            }])?;
            let mut body = Commission {
                goods,
                production_date: None,
                expiry_date: None,
                event: self.event(
                    farms + f,
                    at(day, 5, 0)?,
                    BizStep::Commissioning,
                    Disposition::Active,
                ),
            };
            body.production_date = Some(crate::time::Date::from_days_since_epoch(
                ((START_MS / DAY_MS) + i64::from(day)) as i32,
            )?);
            self.sign(farms + f, at(day, 5, 0)?, Body::Commission(body))?;
            lots.push((farms + f, lot));
        }
        for k in 0..p.packers as usize {
            let packer = packers + k;
            // Inputs: lots from several farms, each shipped to the packer.
            let mut inputs = Vec::new();
            for _ in 0..p.inputs_per_transformation.min(p.farms) {
                let (farm, lot) = lots[self.rng.next_u32() as usize % lots.len()].clone();
                let goods = Goods::quantities(vec![QuantityElement {
                    class: ClassId::Lot(lot.clone()),
                    quantity: None,
                }])?;
                doc += 1;
                self.transfer(farm, packer, goods, at(day, 6, 0)?, 2, doc)?;
                inputs.push(QuantityElement {
                    class: ClassId::Lot(lot),
                    quantity: None,
                });
            }
            // Transformation: the inputs become serialised packs, then cases, then a pallet.
            let mut cases = Vec::new();
            let mut all_packs = Vec::new();
            for _ in 0..p.cases_per_pallet {
                let packs: Vec<ObjectId> = (0..p.packs_per_case)
                    .map(|_| self.pack())
                    .collect::<Result<_>>()?;
                all_packs.extend(packs.iter().cloned());
                cases.push((ObjectId::Unit(self.next_sscc(packer)?), packs));
            }
            let transformation = Transformation {
                transformation_id: Some(Text::new(format!(
                    "urn:example:transformation:{day}:{k}"
                ))?),
                inputs: Goods::quantities(inputs)?,
                // FSMA 204: a transformation assigns a new traceability lot code; the packs
                // are its members, listed with it.
                outputs: Goods {
                    objects: Set::new(all_packs)?,
                    quantities: Set::new(vec![QuantityElement {
                        class: ClassId::Lot(Lgtin::new(
                            self.product()?,
                            format!("P{day}K{k}").parse()?,
                        )),
                        quantity: None,
                    }])?,
                },
                event: self.event(
                    packer,
                    at(day, 10, 0)?,
                    BizStep::Commissioning,
                    Disposition::Active,
                ),
            };
            self.sign(
                packer,
                at(day, 10, 0)?,
                Body::Transformation(transformation),
            )?;
            for (case, packs) in &cases {
                let event = self.event(
                    packer,
                    at(day, 11, 0)?,
                    BizStep::Packing,
                    Disposition::InProgress,
                );
                let body = Aggregation {
                    action: AggregationAction::Pack,
                    parent: case.clone(),
                    children: Goods::objects(packs.clone())?,
                    event,
                };
                self.sign(packer, at(day, 11, 0)?, Body::Aggregation(body))?;
            }
            let pallet = ObjectId::Unit(self.next_sscc(packer)?);
            let case_ids: Vec<ObjectId> = cases.iter().map(|(c, _)| c.clone()).collect();
            let event = self.event(
                packer,
                at(day, 12, 0)?,
                BizStep::Packing,
                Disposition::InProgress,
            );
            let body = Aggregation {
                action: AggregationAction::Pack,
                parent: pallet.clone(),
                children: Goods::objects(case_ids.clone())?,
                event,
            };
            self.sign(packer, at(day, 12, 0)?, Body::Aggregation(body))?;
            // The pallet goes to a distribution centre, which unpacks it and ships the cases.
            let dc = dcs + self.rng.next_u32() as usize % p.distribution_centres.max(1) as usize;
            doc += 1;
            self.transfer(
                packer,
                dc,
                Goods::objects(vec![pallet.clone()])?,
                at(day, 13, 0)?,
                5,
                doc,
            )?;
            let event = self.event(
                dc,
                at(day, 19, 0)?,
                BizStep::Unpacking,
                Disposition::SellableNotAccessible,
            );
            let body = Aggregation {
                action: AggregationAction::Unpack,
                parent: pallet,
                children: Goods::objects(case_ids)?,
                event,
            };
            self.sign(dc, at(day, 19, 0)?, Body::Aggregation(body))?;
            for (case, packs) in cases {
                let shop = shops + self.rng.next_u32() as usize % p.retailers.max(1) as usize;
                doc += 1;
                self.transfer(
                    dc,
                    shop,
                    Goods::objects(vec![case])?,
                    at(day + 1, 4, 0)?,
                    3,
                    doc,
                )?;
                self.sell(p, shop, dc, packs, day + 1, &mut doc)?;
            }
        }
        Ok(())
    }

    /// The shop sells the packs; some come back and go back to the distribution centre.
    fn sell(
        &mut self,
        p: &Params,
        shop: usize,
        dc: usize,
        packs: Vec<ObjectId>,
        day: u32,
        doc: &mut u64,
    ) -> Result<()> {
        let event = self.event(
            shop,
            at(day, 15, 0)?,
            BizStep::RetailSelling,
            Disposition::RetailSold,
        );
        let sold = StatusChange {
            status: Status::Sold,
            goods: Goods::objects(packs.clone())?,
            event,
        };
        self.sign(shop, at(day, 15, 0)?, Body::StatusChange(sold))?;
        let returned: Vec<ObjectId> = packs
            .into_iter()
            .filter(|_| self.rng.next_u32() % 1000 < p.returns_per_mille)
            .collect();
        if returned.is_empty() {
            return Ok(());
        }
        let event = self.event(
            shop,
            at(day, 17, 0)?,
            BizStep::Accepting,
            Disposition::Returned,
        );
        let back = StatusChange {
            status: Status::Returned,
            goods: Goods::objects(returned.clone())?,
            event,
        };
        self.sign(shop, at(day, 17, 0)?, Body::StatusChange(back))?;
        *doc += 1;
        self.transfer(
            shop,
            dc,
            Goods::objects(returned)?,
            at(day, 18, 0)?,
            4,
            *doc,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn small_chain_is_deterministic_and_valid() {
        let a = generate(&Params::small()).unwrap();
        let b = generate(&Params::small()).unwrap();
        assert_eq!(a.records.len(), b.records.len());
        assert!(
            a.records
                .iter()
                .zip(&b.records)
                .all(|(x, y)| x.bytes() == y.bytes())
        );
        let batch = crate::verify::verify_batch(a.records.clone(), &a.trust);
        assert_eq!(
            batch.verdict(),
            crate::verify::Verdict::Valid,
            "{:?}",
            batch.chain_findings
        );
        let kinds: std::collections::BTreeSet<&str> =
            a.records.iter().map(|r| r.kind().as_str()).collect();
        for k in [
            "commission",
            "aggregation",
            "shipping",
            "receiving",
            "transformation",
            "status_change",
            "key_certificate",
            "key_revocation",
        ] {
            assert!(kinds.contains(k), "no {k} record");
        }
        let other = generate(&Params {
            seed: 2,
            ..Params::small()
        })
        .unwrap();
        assert!(
            a.records
                .iter()
                .zip(&other.records)
                .any(|(x, y)| x.bytes() != y.bytes()),
            "the seed matters"
        );
    }
}

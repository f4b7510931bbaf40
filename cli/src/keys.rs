//! `tracemark keys` and `tracemark trust`: keys, certificates, rotations, revocations, anchors.
//! Everything an issuer signs continues its chain in the store and is imported there, so the
//! store's trust is what the next import verifies against.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde_json::json;
use tracemark::chain::ChainSigner;
use tracemark::ids::{CompanyPrefix, Gln};
use tracemark::keys::{PublicKey, SecretKey};
use tracemark::record::{Body, RecordKind, SignedRecord};
use tracemark::trust::{KeyCertificate, KeyRevocation, PartyScope, RevocationReason};

use crate::io::{Failure, open_store, print, read_key, record_line, time_or_now};

#[derive(Subcommand)]
pub enum KeysCommand {
    /// Generate a new secret key from the operating system's RNG. Prints the public key, and
    /// the secret text form unless `--out` writes it to a new file (mode 0600).
    Generate {
        /// Write the secret key to this file instead of printing it; never overwrites.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Print the public key of a secret key file (`-`: standard input).
    Public {
        /// The secret key file.
        #[arg(default_value = "-")]
        key: PathBuf,
    },
    /// Certify a key: sign a key certificate with the issuer's key and store it.
    Certify(CertifyArgs),
    /// Rotate a key: certify its replacement with the same scope and revoke it as superseded,
    /// both at the same instant.
    Rotate {
        #[command(flatten)]
        issuer: Issuer,
        /// The key being replaced (it must have a certificate in the store).
        #[arg(long)]
        old: String,
        /// The new key.
        #[arg(long)]
        new: String,
    },
    /// Revoke a key: sign a revocation and store it.
    Revoke {
        #[command(flatten)]
        issuer: Issuer,
        /// The key revoked.
        #[arg(long)]
        subject: String,
        /// unspecified, key_compromise, superseded, cessation_of_operation,
        /// affiliation_changed.
        #[arg(long, default_value = "unspecified")]
        reason: String,
        /// From when the key is not trusted (RFC 3339; default: the signing time).
        #[arg(long)]
        effective: Option<String>,
        /// For a compromise: since when the key may have been in other hands.
        #[arg(long)]
        compromised_since: Option<String>,
        /// The key's last sequence number known to be genuine.
        #[arg(long)]
        last_good_seq: Option<u64>,
    },
}

/// Who signs: the issuer's key file, the party it speaks for, the signing time.
#[derive(Args)]
pub struct Issuer {
    /// The issuer's secret key file (`-`: standard input).
    #[arg(long)]
    pub key: PathBuf,
    /// The GLN the issuer speaks for, if its certificate names parties.
    #[arg(long = "as", id = "as_party", value_name = "GLN")]
    pub party: Option<String>,
    /// The signing time, RFC 3339 (default: now).
    #[arg(long)]
    pub at: Option<String>,
}

#[derive(Args)]
pub struct CertifyArgs {
    #[command(flatten)]
    issuer: Issuer,
    /// The key certified (`ed25519:...`).
    #[arg(long)]
    subject: String,
    /// Who holds it, in words.
    #[arg(long)]
    name: String,
    /// A GLN the key may speak for (repeatable).
    #[arg(long)]
    party: Vec<String>,
    /// A GS1 company prefix under which the key may speak for every GLN (repeatable).
    #[arg(long)]
    prefix: Vec<String>,
    /// A record kind the key may sign (repeatable; default: every event kind and recall
    /// notices, not certificates or revocations).
    #[arg(long)]
    kind: Vec<String>,
    /// Start of validity, RFC 3339 (default: the signing time).
    #[arg(long)]
    from: Option<String>,
    /// End of validity, RFC 3339, exclusive (default: 365 days after the start).
    #[arg(long)]
    until: Option<String>,
    /// The key may certify others within this certificate's scope.
    #[arg(long)]
    may_certify: bool,
}

#[derive(Subcommand)]
pub enum TrustCommand {
    /// Trust a key as a root of the store (an authority, or your own company's root).
    Anchor {
        /// The key (`ed25519:...`).
        key: String,
        /// A name shown in reports.
        #[arg(long)]
        name: String,
    },
    /// The store's anchors, certificates and revocations.
    List,
}

fn public(text: &str) -> Result<PublicKey, Failure> {
    text.parse().map_err(Failure::input)
}

pub fn keys(command: KeysCommand, db: &Path, json: bool) -> Result<u8, Failure> {
    match command {
        KeysCommand::Generate { out } => generate(out.as_deref(), json),
        KeysCommand::Public { key } => {
            let key = read_key(&key)?.public_key().to_string();
            print(&if json {
                json!({ "public": key }).to_string()
            } else {
                key
            })?;
            Ok(0)
        }
        KeysCommand::Certify(a) => {
            let at = time_or_now(a.issuer.at.as_deref())?;
            let from = match &a.from {
                Some(t) => time_or_now(Some(t))?,
                None => at,
            };
            let until = match &a.until {
                Some(t) => time_or_now(Some(t))?,
                None => tracemark::time::Timestamp::from_unix_millis(
                    from.unix_millis().saturating_add(365 * 86_400_000),
                )
                .map_err(Failure::input)?,
            };
            let mut parties = Vec::new();
            for g in &a.party {
                parties.push(PartyScope::Gln(g.parse::<Gln>().map_err(Failure::input)?));
            }
            for p in &a.prefix {
                let prefix = p.parse::<CompanyPrefix>().map_err(Failure::input)?;
                parties.push(PartyScope::CompanyPrefix(prefix));
            }
            let kinds = if a.kind.is_empty() {
                RecordKind::ALL
                    .iter()
                    .copied()
                    .filter(|k| {
                        !matches!(k, RecordKind::KeyCertificate | RecordKind::KeyRevocation)
                    })
                    .collect()
            } else {
                a.kind
                    .iter()
                    .map(|k| RecordKind::parse(k))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(Failure::input)?
            };
            let cert = KeyCertificate {
                subject: public(&a.subject)?,
                subject_name: tracemark::Text::new(a.name.as_str()).map_err(Failure::input)?,
                parties: tracemark::Set::new(parties).map_err(Failure::input)?,
                kinds: tracemark::Set::new(kinds).map_err(Failure::input)?,
                valid_from: from,
                valid_until: until,
                may_certify: a.may_certify,
                replaces: None,
            };
            sign_and_store(db, &a.issuer, vec![Body::KeyCertificate(cert)], json)
        }
        KeysCommand::Rotate { issuer, old, new } => {
            let (old, new) = (public(&old)?, public(&new)?);
            let at = time_or_now(issuer.at.as_deref())?;
            let store = open_store(db)?;
            let trust = store.trust().map_err(Failure::input)?;
            let Some(cert) = trust.certificates_for(&old).last() else {
                return Err(Failure::new(
                    3,
                    "unknown_key",
                    format!("the store has no certificate for {old} to rotate"),
                ));
            };
            let revocation = KeyRevocation {
                key: old,
                reason: RevocationReason::Superseded,
                effective: at,
                compromised_since: None,
                last_good_seq: None,
            };
            let bodies = vec![
                Body::KeyCertificate(cert.rotated_to(new, at)),
                Body::KeyRevocation(revocation),
            ];
            drop(store);
            sign_and_store(db, &issuer, bodies, json)
        }
        KeysCommand::Revoke {
            issuer,
            subject,
            reason,
            effective,
            compromised_since,
            last_good_seq,
        } => {
            let at = time_or_now(issuer.at.as_deref())?;
            let revocation = KeyRevocation {
                key: public(&subject)?,
                reason: RevocationReason::parse(&reason).map_err(Failure::input)?,
                effective: match effective {
                    Some(t) => time_or_now(Some(&t))?,
                    None => at,
                },
                compromised_since: compromised_since
                    .map(|t| time_or_now(Some(&t)))
                    .transpose()?,
                last_good_seq,
            };
            sign_and_store(db, &issuer, vec![Body::KeyRevocation(revocation)], json)
        }
    }
}

fn generate(out: Option<&Path>, json: bool) -> Result<u8, Failure> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| {
        Failure::new(
            3,
            "rng_unavailable",
            format!("the operating system RNG failed: {e}"),
        )
    })?;
    let key = SecretKey::from_seed(seed);
    let public = key.public_key().to_string();
    let secret = key.to_secret_text();
    if let Some(path) = out {
        write_secret(path, secret.as_str())?;
    }
    let shown = out.is_none().then(|| secret.as_str().to_owned());
    if json {
        print(&json!({ "public": public, "secret": shown, "file": out }).to_string())?;
    } else if let Some(secret) = shown {
        print(&format!("secret  {secret}\npublic  {public}"))?;
    } else {
        print(&format!("public  {public}"))?;
    }
    Ok(0)
}

/// Creates `path` (never overwriting) readable by its owner only, with the secret text form.
fn write_secret(path: &Path, secret: &str) -> Result<(), Failure> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .map_err(|e| Failure::io(&path.display().to_string(), e))?;
    writeln!(file, "{secret}").map_err(|e| Failure::io(&path.display().to_string(), e))
}

/// Signs `bodies` in the issuer's chain (continuing where the store has it), imports them,
/// and prints them. Exit 1 if the store's trust does not accept them (they are quarantined).
pub fn sign_and_store(
    db: &Path,
    issuer: &Issuer,
    bodies: Vec<Body>,
    json: bool,
) -> Result<u8, Failure> {
    let key = read_key(&issuer.key)?;
    let party = issuer
        .party
        .as_deref()
        .map(str::parse::<Gln>)
        .transpose()
        .map_err(Failure::input)?;
    let at = time_or_now(issuer.at.as_deref())?;
    let mut store = open_store(db)?;
    let head = store
        .chain_head(&key.public_key())
        .map_err(Failure::input)?;
    let mut signer = ChainSigner::after(key, party, head);
    let mut signed = Vec::new();
    for body in bodies {
        signed.push(signer.sign(at, body).map_err(Failure::input)?);
    }
    let report = store.import(signed.clone()).map_err(Failure::input)?;
    crate::records::print_signed(&signed, &report, json)?;
    Ok(u8::from(report.quarantined > 0))
}

pub fn trust(command: TrustCommand, db: &Path, json: bool) -> Result<u8, Failure> {
    let mut store = open_store(db)?;
    match command {
        TrustCommand::Anchor { key, name } => {
            let key = public(&key)?;
            store.add_anchor(&key, &name).map_err(Failure::input)?;
            print(&if json {
                json!({ "anchor": key.to_string(), "name": name }).to_string()
            } else {
                format!("anchor  {key}  {name}")
            })?;
        }
        TrustCommand::List => {
            let anchors = store.anchors().map_err(Failure::input)?;
            let records: Vec<SignedRecord> = store
                .all_records()
                .map_err(Failure::input)?
                .into_iter()
                .filter(|r| {
                    matches!(
                        r.kind(),
                        RecordKind::KeyCertificate | RecordKind::KeyRevocation
                    )
                })
                .collect();
            if json {
                let views: Vec<_> = records
                    .iter()
                    .map(|r| json!({ "id": r.id().to_string(), "record": r.unverified(), "line": record_line(r) }))
                    .collect();
                let anchors: Vec<_> = anchors
                    .iter()
                    .map(|(k, n)| json!({ "key": k.to_string(), "name": n }))
                    .collect();
                print(&json!({ "anchors": anchors, "records": views }).to_string())?;
            } else {
                for (k, n) in &anchors {
                    print(&format!("anchor       {k}  {n}"))?;
                }
                for r in &records {
                    let what = match &r.unverified().body {
                        Body::KeyCertificate(c) => {
                            format!("certificate  {}  {}", c.subject, c.subject_name.as_str())
                        }
                        Body::KeyRevocation(v) => {
                            format!("revocation   {}  {}", v.key, v.reason.as_str())
                        }
                        _ => continue,
                    };
                    print(&format!("{what}  by {}", r.claimed_signer()))?;
                }
            }
        }
    }
    Ok(0)
}

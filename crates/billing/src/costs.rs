//! The AI cost table: how many credits an operation costs and what a call cost in US dollars.
//!
//! Text operations convert tokens into credits through the model's `tokens_per_credit`, rounded
//! up, with the operation's `min_credits` as the floor of any non-empty call. Image operations
//! charge the model's `credits_per_image` (tiers basic 1, quality 5, premium 15). Before a call,
//! an item count (keywords, clusters, articles) is turned into tokens with the operation's
//! `est_tokens_per_item`.

use crate::Result;
use crate::model::{ModelRate, OperationCost};
use db::schema::{credit_model_rates, credit_operation_costs};
use diesel::prelude::*;
use kernel::FieldErrors;

/// How much work a call does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    /// Tokens used or expected (input plus output), for text operations.
    Tokens(i64),
    /// Items to process; text operations estimate tokens per item, image operations count images.
    Items(i64),
    /// Images to generate (image operations).
    Images(i64),
}

/// The credits a call costs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Estimate {
    /// The operation.
    pub operation: String,
    /// The model priced.
    pub model: String,
    /// Tokens priced (text operations; 0 for images).
    pub tokens: i64,
    /// Images priced (image operations; 0 for text).
    pub images: i64,
    /// Credits.
    pub credits: i64,
}

/// An active operation by name, or a validation error on `operation`.
pub fn operation_cost(conn: &mut PgConnection, operation: &str) -> Result<OperationCost> {
    credit_operation_costs::table
        .filter(credit_operation_costs::operation.eq(operation))
        .filter(credit_operation_costs::is_active.eq(true))
        .select(OperationCost::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| {
            FieldErrors::single("operation", format!("Unknown operation '{operation}'.")).into()
        })
}

/// An active model by id or, for image models, by quality tier; `None` is the default model of
/// `kind`. Unknown names are a validation error on `model`.
pub fn model_rate(conn: &mut PgConnection, kind: &str, model: Option<&str>) -> Result<ModelRate> {
    let mut q = credit_model_rates::table
        .filter(credit_model_rates::kind.eq(kind))
        .filter(credit_model_rates::is_active.eq(true))
        .into_boxed();
    q = match model.map(str::trim).filter(|m| !m.is_empty()) {
        Some(m) => q.filter(
            credit_model_rates::model
                .eq(m.to_owned())
                .or(credit_model_rates::quality_tier.eq(m.to_owned())),
        ),
        None => q.filter(credit_model_rates::is_default.eq(true)),
    };
    q.order(credit_model_rates::id.asc())
        .select(ModelRate::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| {
            FieldErrors::single(
                "model",
                format!("Unknown {kind} model '{}'.", model.unwrap_or("(default)")),
            )
            .into()
        })
}

/// The active cost table read once, for pricing many calls (a batch of AI work) without a
/// round trip per call. Lookups follow [`operation_cost`] and [`model_rate`] exactly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CostTable {
    operations: Vec<OperationCost>,
    /// Ordered by id, as [`model_rate`] picks the first match.
    rates: Vec<ModelRate>,
}

impl CostTable {
    /// Reads the active operations and models (two queries).
    pub fn load(conn: &mut PgConnection) -> Result<Self> {
        Ok(Self {
            operations: list_operation_costs(conn)?,
            rates: credit_model_rates::table
                .filter(credit_model_rates::is_active.eq(true))
                .order(credit_model_rates::id.asc())
                .select(ModelRate::as_select())
                .load(conn)?,
        })
    }

    /// An active operation by name, or a validation error on `operation`.
    pub fn operation(&self, operation: &str) -> Result<&OperationCost> {
        self.operations
            .iter()
            .find(|o| o.operation == operation)
            .ok_or_else(|| {
                FieldErrors::single("operation", format!("Unknown operation '{operation}'.")).into()
            })
    }

    /// An active model by id or image tier; `None` (or blank) is the default model of `kind`.
    pub fn model_rate(&self, kind: &str, model: Option<&str>) -> Result<&ModelRate> {
        let wanted = model.map(str::trim).filter(|m| !m.is_empty());
        self.rates
            .iter()
            .filter(|r| r.kind == kind)
            .find(|r| match wanted {
                Some(m) => r.model == m || r.quality_tier.as_deref() == Some(m),
                None => r.is_default,
            })
            .ok_or_else(|| {
                FieldErrors::single(
                    "model",
                    format!("Unknown {kind} model '{}'.", model.unwrap_or("(default)")),
                )
                .into()
            })
    }
}

/// Every active operation, by name.
pub fn list_operation_costs(conn: &mut PgConnection) -> Result<Vec<OperationCost>> {
    Ok(credit_operation_costs::table
        .filter(credit_operation_costs::is_active.eq(true))
        .order(credit_operation_costs::operation.asc())
        .select(OperationCost::as_select())
        .load(conn)?)
}

/// Every active model, text first.
pub fn list_model_rates(conn: &mut PgConnection) -> Result<Vec<ModelRate>> {
    Ok(credit_model_rates::table
        .filter(credit_model_rates::is_active.eq(true))
        .order((
            credit_model_rates::kind.desc(),
            credit_model_rates::model.asc(),
        ))
        .select(ModelRate::as_select())
        .load(conn)?)
}

/// Prices a call: `estimate("content", Quantity::Tokens(4200), None)`. `model` is a model id or
/// an image tier; `None` takes the default model of the operation's kind.
pub fn estimate(
    conn: &mut PgConnection,
    operation: &str,
    quantity: Quantity,
    model: Option<&str>,
) -> Result<Estimate> {
    let op = operation_cost(conn, operation)?;
    let rate = model_rate(conn, &op.kind, model)?;
    price(&op, &rate, quantity)
}

/// The pure pricing rule behind [`estimate`].
pub fn price(op: &OperationCost, rate: &ModelRate, quantity: Quantity) -> Result<Estimate> {
    let n = match quantity {
        Quantity::Tokens(n) | Quantity::Items(n) | Quantity::Images(n) => n,
    };
    if n < 0 {
        return Err(FieldErrors::single("quantity", "Must be zero or more.").into());
    }
    if rate.kind != op.kind {
        return Err(FieldErrors::single(
            "model",
            format!(
                "'{}' is a {} model; {} needs a {} model.",
                rate.model, rate.kind, op.operation, op.kind
            ),
        )
        .into());
    }
    let floor = |credits: i64| {
        if n == 0 {
            0
        } else {
            credits.max(op.min_credits)
        }
    };
    let (tokens, images, credits) = match (op.kind.as_str(), quantity) {
        ("text", Quantity::Tokens(_) | Quantity::Items(_)) => {
            let tokens = match quantity {
                Quantity::Items(items) => items.saturating_mul(op.est_tokens_per_item),
                _ => n,
            };
            let per_credit = rate.tokens_per_credit.unwrap_or(1).max(1);
            (tokens, 0, floor(div_ceil(tokens, per_credit)))
        }
        ("image", Quantity::Images(i) | Quantity::Items(i)) => (
            0,
            i,
            floor(i.saturating_mul(rate.credits_per_image.unwrap_or(1))),
        ),
        _ => {
            return Err(FieldErrors::single(
                "quantity",
                format!(
                    "{} is priced by {}.",
                    op.operation,
                    if op.kind == "text" {
                        "tokens or items"
                    } else {
                        "images"
                    }
                ),
            )
            .into());
        }
    };
    Ok(Estimate {
        operation: op.operation.clone(),
        model: rate.model.clone(),
        tokens,
        images,
        credits,
    })
}

fn div_ceil(a: i64, b: i64) -> i64 {
    if a <= 0 { 0 } else { (a - 1) / b + 1 }
}

/// What a call cost the platform, in millionths of a US dollar (rounded up).
pub fn cost_usd_micros(rate: &ModelRate, tokens_in: i64, tokens_out: i64, images: i64) -> i64 {
    let per_token = i128::from(tokens_in.max(0)) * i128::from(rate.input_usd_micros_per_mtok)
        + i128::from(tokens_out.max(0)) * i128::from(rate.output_usd_micros_per_mtok);
    let tokens_cost = (per_token + 999_999) / 1_000_000;
    let image_cost = i128::from(images.max(0)) * i128::from(rate.usd_micros_per_image);
    i64::try_from(tokens_cost + image_cost).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn op(name: &str, kind: &str, min: i64, per_item: i64) -> OperationCost {
        OperationCost {
            id: 1,
            operation: name.into(),
            name: name.into(),
            kind: kind.into(),
            min_credits: min,
            est_tokens_per_item: per_item,
            is_active: true,
            created_at: Utc::now(),
        }
    }

    fn text_model(tpc: i64) -> ModelRate {
        ModelRate {
            id: 1,
            model: "gpt-5.1".into(),
            name: "GPT".into(),
            kind: "text".into(),
            tokens_per_credit: Some(tpc),
            credits_per_image: None,
            quality_tier: None,
            input_usd_micros_per_mtok: 1_250_000,
            output_usd_micros_per_mtok: 10_000_000,
            usd_micros_per_image: 0,
            is_default: true,
            is_active: true,
            created_at: Utc::now(),
        }
    }

    fn image_model(cpi: i64) -> ModelRate {
        ModelRate {
            kind: "image".into(),
            model: "dall-e-3".into(),
            tokens_per_credit: None,
            credits_per_image: Some(cpi),
            usd_micros_per_image: 40_000,
            ..text_model(1)
        }
    }

    #[test]
    fn text_rounds_up_with_a_floor() {
        let content = op("content", "text", 3, 5000);
        let m = text_model(1000);
        assert_eq!(
            price(&content, &m, Quantity::Tokens(4200))
                .map(|e| e.credits)
                .ok(),
            Some(5)
        );
        assert_eq!(
            price(&content, &m, Quantity::Tokens(4000))
                .map(|e| e.credits)
                .ok(),
            Some(4)
        );
        assert_eq!(
            price(&content, &m, Quantity::Tokens(10))
                .map(|e| e.credits)
                .ok(),
            Some(3),
            "minimum"
        );
        assert_eq!(
            price(&content, &m, Quantity::Tokens(0))
                .map(|e| e.credits)
                .ok(),
            Some(0),
            "nothing done, nothing charged"
        );
        assert_eq!(
            price(&content, &m, Quantity::Items(2))
                .map(|e| (e.tokens, e.credits))
                .ok(),
            Some((10_000, 10))
        );
        assert_eq!(
            price(&content, &text_model(10_000), Quantity::Tokens(25_000))
                .map(|e| e.credits)
                .ok(),
            Some(3)
        );
        assert!(price(&content, &m, Quantity::Images(1)).is_err());
        assert!(price(&content, &m, Quantity::Tokens(-1)).is_err());
        assert!(price(&content, &image_model(5), Quantity::Tokens(1)).is_err());
    }

    #[test]
    fn images_by_tier() {
        let images = op("images", "image", 1, 0);
        assert_eq!(
            price(&images, &image_model(1), Quantity::Images(3))
                .map(|e| e.credits)
                .ok(),
            Some(3)
        );
        assert_eq!(
            price(&images, &image_model(5), Quantity::Images(3))
                .map(|e| e.credits)
                .ok(),
            Some(15)
        );
        assert_eq!(
            price(&images, &image_model(15), Quantity::Items(2))
                .map(|e| e.credits)
                .ok(),
            Some(30)
        );
        assert!(price(&images, &image_model(5), Quantity::Tokens(100)).is_err());
    }

    #[test]
    fn usd_cost_in_micros() {
        // 1,000 in at $1.25/M = 1,250 µ$; 500 out at $10/M = 5,000 µ$
        assert_eq!(cost_usd_micros(&text_model(1000), 1000, 500, 0), 6250);
        assert_eq!(cost_usd_micros(&text_model(1000), 1, 0, 0), 2, "rounded up");
        assert_eq!(cost_usd_micros(&image_model(5), 0, 0, 3), 120_000);
    }
}

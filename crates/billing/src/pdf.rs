//! Invoice PDFs: one A4 page (more when the lines need it) in the standard Helvetica font, so
//! nothing is embedded and every PDF reader can open it.

use crate::invoices::format_money;
use crate::model::Invoice;
use crate::{Error, Result};
use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, dictionary};

/// The issuing party printed on every invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seller {
    /// Legal name.
    pub name: String,
    /// Address lines.
    pub address: Vec<String>,
    /// Contact email.
    pub email: String,
}

impl Default for Seller {
    fn default() -> Self {
        Self {
            name: "IGNY8".into(),
            address: vec!["igny8.com".into()],
            email: "billing@igny8.com".into(),
        }
    }
}

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 50.0;
const LINE: f32 = 15.0;

/// Text in WinAnsi (Latin-1 for printable characters); anything else prints as `?`.
fn win_ansi(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| {
            if (' '..='~').contains(&c) || ('\u{a0}'..='\u{ff}').contains(&c) {
                c as u32 as u8
            } else {
                b'?'
            }
        })
        .collect()
}

/// Collects text placements page by page.
struct Pages {
    pages: Vec<Vec<Operation>>,
    y: f32,
}

impl Pages {
    fn new() -> Self {
        Self {
            pages: vec![Vec::new()],
            y: PAGE_H - MARGIN,
        }
    }

    fn text(&mut self, x: f32, font: &str, size: f32, s: &str) {
        if let Some(ops) = self.pages.last_mut() {
            ops.push(Operation::new("BT", vec![]));
            ops.push(Operation::new("Tf", vec![font.into(), size.into()]));
            ops.push(Operation::new("Td", vec![x.into(), self.y.into()]));
            ops.push(Operation::new(
                "Tj",
                vec![Object::string_literal(win_ansi(s))],
            ));
            ops.push(Operation::new("ET", vec![]));
        }
    }

    /// Text ending at `right` (width estimated from Helvetica's average glyph width).
    fn text_right(&mut self, right: f32, font: &str, size: f32, s: &str) {
        let width = s.chars().count() as f32 * size * 0.53;
        self.text(right - width, font, size, s);
    }

    fn rule(&mut self) {
        // Between the previous line's descenders and the next line's ascenders.
        let y = self.y + LINE * 0.7;
        if let Some(ops) = self.pages.last_mut() {
            ops.push(Operation::new("m", vec![MARGIN.into(), y.into()]));
            ops.push(Operation::new(
                "l",
                vec![(PAGE_W - MARGIN).into(), y.into()],
            ));
            ops.push(Operation::new("S", vec![]));
        }
    }

    fn down(&mut self, lines: f32) {
        self.y -= LINE * lines;
        if self.y < MARGIN + 2.0 * LINE {
            self.pages.push(Vec::new());
            self.y = PAGE_H - MARGIN;
        }
    }
}

/// Renders the invoice: number and dates, both parties, the lines, and the totals.
pub fn render_invoice(inv: &Invoice, seller: &Seller) -> Result<Vec<u8>> {
    let contact = inv.contact();
    let mut p = Pages::new();
    p.text(MARGIN, "F2", 20.0, "INVOICE");
    p.text(PAGE_W - MARGIN - 200.0, "F2", 12.0, &inv.invoice_number);
    p.down(2.0);
    p.text(
        MARGIN,
        "F1",
        10.0,
        &format!("Issued: {}", inv.issued_at.format("%Y-%m-%d")),
    );
    p.text(
        PAGE_W - MARGIN - 200.0,
        "F1",
        10.0,
        &format!("Status: {}", inv.status),
    );
    p.down(1.0);
    if let Some(paid) = inv.paid_at {
        p.text(
            MARGIN,
            "F1",
            10.0,
            &format!("Paid: {}", paid.format("%Y-%m-%d")),
        );
        p.down(1.0);
    }
    if let (Some(s), Some(e)) = (inv.period_start, inv.period_end) {
        p.text(
            MARGIN,
            "F1",
            10.0,
            &format!(
                "Period: {} to {}",
                s.format("%Y-%m-%d"),
                e.format("%Y-%m-%d")
            ),
        );
        p.down(1.0);
    }
    p.down(1.0);

    // Parties, side by side.
    let top = p.y;
    p.text(MARGIN, "F2", 11.0, "From");
    p.down(1.0);
    let mut from = vec![seller.name.clone()];
    from.extend(seller.address.iter().cloned());
    from.push(seller.email.clone());
    for l in &from {
        p.text(MARGIN, "F1", 10.0, l);
        p.down(1.0);
    }
    let from_end = p.y;
    p.y = top;
    let right = PAGE_W / 2.0;
    p.text(right, "F2", 11.0, "Bill to");
    p.down(1.0);
    let mut to = vec![contact.account_name.clone()];
    for v in [
        &contact.name,
        &contact.email,
        &contact.address,
        &contact.country,
    ] {
        for l in v.lines().map(str::trim).filter(|l| !l.is_empty()) {
            to.push(l.to_owned());
        }
    }
    if !contact.tax_id.trim().is_empty() {
        to.push(format!("Tax id: {}", contact.tax_id.trim()));
    }
    for l in &to {
        p.text(right, "F1", 10.0, l);
        p.down(1.0);
    }
    p.y = p.y.min(from_end);
    p.down(1.0);

    // Lines.
    // Right edges of the number columns.
    let (c_qty, c_unit, c_amount) = (330.0, 440.0, PAGE_W - MARGIN);
    p.text(MARGIN, "F2", 10.0, "Description");
    p.text_right(c_qty, "F2", 10.0, "Qty");
    p.text_right(c_unit, "F2", 10.0, "Unit price");
    p.text_right(c_amount, "F2", 10.0, "Amount");
    p.down(1.0);
    p.rule();
    for l in inv.lines() {
        let desc: String = l.description.chars().take(48).collect();
        p.text(MARGIN, "F1", 10.0, &desc);
        p.text_right(c_qty, "F1", 10.0, &l.quantity.to_string());
        p.text_right(
            c_unit,
            "F1",
            10.0,
            &format_money(l.unit_price_cents, &inv.currency),
        );
        p.text_right(
            c_amount,
            "F1",
            10.0,
            &format_money(l.amount_cents, &inv.currency),
        );
        p.down(1.0);
    }
    p.rule();
    p.down(0.5);
    for (label, cents, font) in [
        ("Subtotal", inv.subtotal_cents, "F1"),
        ("Tax", inv.tax_cents, "F1"),
        ("Total", inv.total_cents, "F2"),
    ] {
        p.text_right(c_unit, font, 10.0, label);
        p.text_right(c_amount, font, 10.0, &format_money(cents, &inv.currency));
        p.down(1.0);
    }
    p.down(1.0);
    p.text(
        MARGIN,
        "F1",
        9.0,
        &format!("Please quote {} with your payment.", inv.invoice_number),
    );

    build(p.pages).map_err(|e| Error::Pdf(e.to_string()))
}

fn build(pages: Vec<Vec<Operation>>) -> std::result::Result<Vec<u8>, lopdf::Error> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.try_new_object_id()?;
    let font = |name: &str| -> Dictionary {
        dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => name, "Encoding" => "WinAnsiEncoding" }
    };
    let f1 = doc.try_add_object(font("Helvetica"))?;
    let f2 = doc.try_add_object(font("Helvetica-Bold"))?;
    let resources =
        doc.try_add_object(dictionary! { "Font" => dictionary! { "F1" => f1, "F2" => f2 } })?;
    let mut kids: Vec<Object> = Vec::new();
    for ops in pages {
        let content = Content { operations: ops }.encode()?;
        let content_id = doc.try_add_object(Stream::new(dictionary! {}, content))?;
        let page: ObjectId = doc.try_add_object(
            dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content_id },
        )?;
        kids.push(page.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
            "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), PAGE_W.into(), PAGE_H.into()],
        }),
    );
    let catalog = doc.try_add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id })?;
    doc.trailer.set("Root", catalog);
    doc.compress();
    let mut out = Vec::new();
    doc.save_to(&mut out)?;
    Ok(out)
}

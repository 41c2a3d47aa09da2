//! Offline images: a landscape-like composition (gradient sky, sun, layered hills, floating
//! shapes) whose colours and geometry derive from a hash of the prompt. Text-free, deterministic
//! per prompt and size, encoded as PNG or lossless WebP.

use super::text::{Rng, fnv1a};
use crate::error::{Error, Result};
use crate::types::ImageFormat;
use image::{ImageEncoder, Rgb, RgbImage};

/// Model name reported for offline images.
pub(crate) const MODEL: &str = "offline-image-v1";

type Color = [f32; 3];

/// HSL (hue in degrees, saturation and lightness 0–1) to RGB 0–255.
fn hsl(h: f32, s: f32, l: f32) -> Color {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let hp = (h.rem_euclid(360.0)) / 60.0;
    let x = c * (1.0 - (hp % 2.0 - 1.0).abs());
    let (r, g, b) = match hp as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = l - c / 2.0;
    [(r + m) * 255.0, (g + m) * 255.0, (b + m) * 255.0]
}

fn mix(a: Color, b: Color, t: f32) -> Color {
    [
        a[0] + (b[0] - a[0]) * t,
        a[1] + (b[1] - a[1]) * t,
        a[2] + (b[2] - a[2]) * t,
    ]
}

fn blend(px: &mut Rgb<u8>, c: Color, alpha: f32) {
    for (channel, target) in px.0.iter_mut().zip(c) {
        let v = f32::from(*channel) * (1.0 - alpha) + target * alpha;
        *channel = v.round().clamp(0.0, 255.0) as u8;
    }
}

/// Renders the composition for `prompt` at `width` × `height`.
pub(crate) fn render_rgb(prompt: &str, width: u32, height: u32) -> RgbImage {
    let mut rng = Rng::new(fnv1a(prompt));
    let (w, h) = (width as f32, height as f32);
    let hue = rng.unit() * 360.0;
    // Analogous or complementary scheme.
    let shift = if rng.below(2) == 0 {
        30.0 + rng.unit() * 30.0
    } else {
        150.0 + rng.unit() * 60.0
    };
    let sky_top = hsl(hue, 0.45 + rng.unit() * 0.3, 0.25 + rng.unit() * 0.2);
    let sky_bottom = hsl(
        hue + shift * 0.5,
        0.5 + rng.unit() * 0.3,
        0.65 + rng.unit() * 0.15,
    );
    let sun = hsl(hue + shift, 0.8, 0.75);
    let hill_hue = hue + shift + 180.0 * rng.unit();

    let mut img = RgbImage::new(width, height);
    // Sky: vertical gradient with a slight tilt.
    let tilt = (rng.unit() - 0.5) * 0.4;
    for (x, y, px) in img.enumerate_pixels_mut() {
        let t = ((y as f32 / h) + tilt * (x as f32 / w - 0.5)).clamp(0.0, 1.0);
        let c = mix(sky_top, sky_bottom, t);
        *px = Rgb([c[0] as u8, c[1] as u8, c[2] as u8]);
    }

    // Sun: a disc with a soft glow.
    let (sx, sy) = (w * (0.15 + rng.unit() * 0.7), h * (0.15 + rng.unit() * 0.3));
    let sr = w.min(h) * (0.06 + rng.unit() * 0.08);
    let glow = sr * 3.0;
    fill_region(
        &mut img,
        sx - glow,
        sy - glow,
        sx + glow,
        sy + glow,
        |x, y| {
            let d = ((x - sx).powi(2) + (y - sy).powi(2)).sqrt();
            if d <= sr {
                Some((sun, 0.95))
            } else if d <= glow {
                Some((sun, 0.35 * (1.0 - (d - sr) / (glow - sr)).powi(2)))
            } else {
                None
            }
        },
    );

    // Floating shapes: translucent circles and diamonds in the sky.
    for _ in 0..(3 + rng.below(4)) {
        let cx = w * rng.unit();
        let cy = h * rng.unit() * 0.6;
        let r = w.min(h) * (0.03 + rng.unit() * 0.1);
        let c = hsl(hue + shift * rng.unit() * 2.0, 0.5, 0.6 + rng.unit() * 0.3);
        let alpha = 0.15 + rng.unit() * 0.25;
        let diamond = rng.below(2) == 0;
        fill_region(&mut img, cx - r, cy - r, cx + r, cy + r, |x, y| {
            let inside = if diamond {
                (x - cx).abs() + (y - cy).abs() <= r
            } else {
                (x - cx).powi(2) + (y - cy).powi(2) <= r * r
            };
            inside.then_some((c, alpha))
        });
    }

    // Hills: three layers, each a sum of sines, darker toward the front.
    let layers = 3;
    for layer in 0..layers {
        let base = h * (0.55 + 0.13 * layer as f32);
        let waves: Vec<(f32, f32, f32)> = (0..3)
            .map(|i| {
                let amp = h * (0.02 + rng.unit() * 0.05) / (i as f32 + 1.0);
                let freq = (1.0 + rng.unit() * 3.0) * (i as f32 + 1.0) * std::f32::consts::TAU / w;
                (amp, freq, rng.unit() * std::f32::consts::TAU)
            })
            .collect();
        let c = hsl(
            hill_hue + 12.0 * layer as f32,
            0.35 + rng.unit() * 0.2,
            0.45 - 0.12 * layer as f32,
        );
        for x in 0..width {
            let xf = x as f32;
            let top = base
                + waves
                    .iter()
                    .map(|(a, f, p)| a * (f * xf + p).sin())
                    .sum::<f32>();
            let start = top.max(0.0) as u32;
            for y in start.min(height)..height {
                blend(img.get_pixel_mut(x, y), c, 1.0);
            }
        }
    }
    img
}

/// Blends `shade(x, y)` over the pixels of a clipped rectangle.
fn fill_region(
    img: &mut RgbImage,
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    shade: impl Fn(f32, f32) -> Option<(Color, f32)>,
) {
    let (w, h) = img.dimensions();
    let xa = x0.max(0.0) as u32;
    let ya = y0.max(0.0) as u32;
    let xb = (x1.max(0.0) as u32).min(w.saturating_sub(1));
    let yb = (y1.max(0.0) as u32).min(h.saturating_sub(1));
    if w == 0 || h == 0 || xa > xb || ya > yb {
        return;
    }
    for y in ya..=yb {
        for x in xa..=xb {
            if let Some((c, a)) = shade(x as f32 + 0.5, y as f32 + 0.5) {
                blend(img.get_pixel_mut(x, y), c, a);
            }
        }
    }
}

/// Encodes an RGB image as PNG or lossless WebP.
pub(crate) fn encode(img: &RgbImage, format: ImageFormat) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let (w, h) = img.dimensions();
    let res =
        match format {
            ImageFormat::Png => image::codecs::png::PngEncoder::new(&mut out).write_image(
                img.as_raw(),
                w,
                h,
                image::ExtendedColorType::Rgb8,
            ),
            ImageFormat::Webp => image::codecs::webp::WebPEncoder::new_lossless(&mut out)
                .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8),
        };
    res.map_err(|e| Error::Config(format!("cannot encode {format} image: {e}")))?;
    Ok(out)
}

/// Renders and encodes.
pub(crate) fn render(
    prompt: &str,
    width: u32,
    height: u32,
    format: ImageFormat,
) -> Result<Vec<u8>> {
    encode(&render_rgb(prompt, width, height), format)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_decodable_png_and_webp_of_the_requested_size() {
        for (format, want) in [
            (ImageFormat::Png, image::ImageFormat::Png),
            (ImageFormat::Webp, image::ImageFormat::WebP),
        ] {
            let bytes = render("a mountain lake at dawn", 160, 96, format).unwrap();
            assert_eq!(image::guess_format(&bytes).unwrap(), want);
            let img = image::load_from_memory_with_format(&bytes, want)
                .unwrap()
                .to_rgb8();
            assert_eq!(img.dimensions(), (160, 96));
            // A composition, not a flat fill: many distinct colours.
            let mut colours: Vec<[u8; 3]> = img.pixels().map(|p| p.0).collect();
            colours.sort_unstable();
            colours.dedup();
            assert!(colours.len() > 50, "only {} colours", colours.len());
        }
    }

    #[test]
    fn same_prompt_same_pixels_other_prompt_other_pixels() {
        let a = render_rgb("running shoes on a trail", 64, 48);
        assert_eq!(a, render_rgb("running shoes on a trail", 64, 48));
        assert_ne!(a, render_rgb("a cup of cold brew coffee", 64, 48));
        // Lossless WebP round-trips the exact pixels.
        let webp = render("running shoes on a trail", 64, 48, ImageFormat::Webp).unwrap();
        let back = image::load_from_memory(&webp).unwrap().to_rgb8();
        assert_eq!(back, a);
    }

    #[test]
    fn hsl_primaries() {
        let r = hsl(0.0, 1.0, 0.5);
        assert_eq!(
            [r[0].round(), r[1].round(), r[2].round()],
            [255.0, 0.0, 0.0]
        );
        let b = hsl(240.0, 1.0, 0.5);
        assert_eq!(
            [b[0].round(), b[1].round(), b[2].round()],
            [0.0, 0.0, 255.0]
        );
    }
}

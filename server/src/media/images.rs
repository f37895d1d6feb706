//! Images: decoded within limits, turned upright, written again without any metadata, and
//! made smaller for `srcset`. CPU-bound: called inside `spawn_blocking`.
//!
//! - Limits first: the header's dimensions are checked before any pixel is decoded (a PNG
//!   that says 60,000 × 60,000 is refused at once), and the decoded size against the memory
//!   cap (a decompression bomb stops there).
//! - EXIF orientation is applied to the pixels, since the tag that carried it is gone.
//! - Nothing of the upload's bytes is served: JPEG is re-encoded as JPEG (quality
//!   [`JPEG_QUALITY`]), PNG as PNG, WebP as lossless WebP; EXIF (GPS), XMP, IPTC, ICC profiles,
//!   comments and any bytes after the image's end (an appended ZIP or HTML) are left behind.
//! - GIF is rewritten frame by frame with the `gif` crate from its palette indices: lossless,
//!   animation kept, and only the frames, their timing and the loop count written (comment and
//!   application extensions such as XMP are dropped).
//! - Variants: each of [`VARIANT_WIDTHS`] narrower than the image, as JPEG (PNG when the image
//!   has transparency) and as WebP. The `image` crate's WebP encoder is lossless only, so the
//!   WebP is kept when it is smaller than its fallback (graphics, infographics), and left out
//!   otherwise (photographs, where a lossless WebP is larger than the JPEG).

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::codecs::webp::WebPEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageError, ImageFormat, ImageReader};
use portal_contract::media::VARIANT_WIDTHS;
use std::io::{BufReader, Read, Seek};

/// Quality of a re-encoded JPEG original (high: it is the master copy).
pub const JPEG_QUALITY: u8 = 90;
/// Quality of a JPEG variant.
pub const VARIANT_QUALITY: u8 = 82;

/// How large an image may be.
#[derive(Debug, Clone, Copy)]
pub struct ImageLimits {
    pub max_width: u32,
    pub max_height: u32,
    /// Bytes the decoded pixels may take.
    pub max_alloc: u64,
    /// Pixels of all the frames of a GIF together.
    pub max_gif_pixels: u64,
}

impl Default for ImageLimits {
    fn default() -> Self {
        Self {
            max_width: 12_000,
            max_height: 12_000,
            max_alloc: 512 * 1024 * 1024,
            max_gif_pixels: 1_000_000_000,
        }
    }
}

/// Why an image is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageProblem {
    /// Wider or taller than the limits (from the header alone).
    TooLarge { width: u32, height: u32 },
    /// Would take more memory to decode than allowed.
    TooManyPixels,
    /// Cut off or damaged.
    Corrupt(String),
    /// Reading the temporary file failed.
    Io(String),
}

impl ImageProblem {
    /// The Vietnamese message for the uploader.
    pub fn message(&self, limits: &ImageLimits) -> String {
        match self {
            ImageProblem::TooLarge { width, height } => format!(
                "Ảnh quá lớn ({width} × {height} điểm ảnh); tối đa {} × {} điểm ảnh.",
                limits.max_width, limits.max_height
            ),
            ImageProblem::TooManyPixels => {
                "Ảnh cần quá nhiều bộ nhớ để giải nén (có thể là “bom giải nén”); hãy thu nhỏ ảnh rồi tải lại."
                    .to_string()
            }
            ImageProblem::Corrupt(_) => {
                "Ảnh bị hỏng hoặc không đầy đủ, không đọc được; hãy xuất lại ảnh rồi tải lên."
                    .to_string()
            }
            ImageProblem::Io(_) => "Không đọc được tệp vừa tải lên.".to_string(),
        }
    }
}

/// An encoded file.
#[derive(Debug, Clone)]
pub struct Encoded {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    pub ext: &'static str,
}

/// A processed image: its upright size, the clean original and the variants.
#[derive(Debug, Clone)]
pub struct ProcessedImage {
    pub width: u32,
    pub height: u32,
    pub original: Encoded,
    /// `(width, file)`, narrowest first, fallback before WebP.
    pub variants: Vec<(u32, Encoded)>,
}

fn corrupt(e: impl std::fmt::Display) -> ImageProblem {
    ImageProblem::Corrupt(e.to_string())
}

fn from_image_error(e: ImageError) -> ImageProblem {
    match e {
        ImageError::Limits(_) => ImageProblem::TooManyPixels,
        ImageError::IoError(e) if e.kind() != std::io::ErrorKind::UnexpectedEof => {
            ImageProblem::Io(e.to_string())
        }
        other => corrupt(other),
    }
}

/// Processes the image in `file`, whose type the upload's first bytes told (`image/jpeg`,
/// `image/png`, `image/webp` or `image/gif`).
pub fn process<R: Read + Seek>(
    file: R,
    content_type: &str,
    limits: &ImageLimits,
) -> Result<ProcessedImage, ImageProblem> {
    let format = match content_type {
        "image/jpeg" => ImageFormat::Jpeg,
        "image/png" => ImageFormat::Png,
        "image/webp" => ImageFormat::WebP,
        "image/gif" => ImageFormat::Gif,
        other => return Err(corrupt(format!("not an image type: {other}"))),
    };
    let mut reader = BufReader::new(file);
    if format == ImageFormat::Gif {
        let original = rewrite_gif(&mut reader, limits)?;
        let first = decode(std::io::Cursor::new(&original.bytes), format, limits)?;
        let (width, height) = (first.width(), first.height());
        return Ok(ProcessedImage {
            width,
            height,
            variants: variants(&first)?,
            original,
        });
    }
    if format == ImageFormat::Jpeg && !jpeg_is_complete(&mut reader)? {
        return Err(corrupt("the JPEG ends before its end marker"));
    }
    let image = decode(reader, format, limits)?;
    let original = match format {
        ImageFormat::Jpeg => jpeg(&image, JPEG_QUALITY)?,
        ImageFormat::Png => png(&image)?,
        _ => webp(&image)?,
    };
    Ok(ProcessedImage {
        width: image.width(),
        height: image.height(),
        variants: variants(&image)?,
        original,
    })
}

/// Whether a JPEG reaches its end-of-image marker: the decoder fills a cut-off photo with grey
/// instead of failing. Walks the segments (skipping each by its length, so an Exif thumbnail's
/// own markers are never read as the image's) and the entropy-coded data after each start of
/// scan; bytes after the end marker (anything appended) are not looked at. Rewinds `reader`.
fn jpeg_is_complete<R: std::io::BufRead + Seek>(reader: &mut R) -> Result<bool, ImageProblem> {
    let io = |e: std::io::Error| ImageProblem::Io(e.to_string());
    let mut byte = || -> Result<Option<u8>, ImageProblem> {
        let mut b = [0u8; 1];
        match reader.read(&mut b).map_err(io)? {
            0 => Ok(None),
            _ => Ok(Some(b[0])),
        }
    };
    if (byte()?, byte()?) != (Some(0xFF), Some(0xD8)) {
        return Ok(false);
    }
    let mut in_scan = false;
    loop {
        let Some(b) = byte()? else { return Ok(false) };
        if b != 0xFF {
            if in_scan {
                continue;
            }
            return Ok(false);
        }
        let mut marker = 0xFF;
        while marker == 0xFF {
            let Some(m) = byte()? else { return Ok(false) };
            marker = m;
        }
        match marker {
            // Stuffed 0xFF and restart markers belong to the scan's data.
            0x00 | 0xD0..=0xD7 if in_scan => continue,
            0x00 | 0xD0..=0xD7 => return Ok(false),
            0xD9 => break,
            0x01 => continue,
            _ => {
                let (Some(hi), Some(lo)) = (byte()?, byte()?) else {
                    return Ok(false);
                };
                let len = u16::from_be_bytes([hi, lo]);
                if len < 2 {
                    return Ok(false);
                }
                for _ in 0..len - 2 {
                    if byte()?.is_none() {
                        return Ok(false);
                    }
                }
                in_scan = marker == 0xDA;
            }
        }
    }
    reader.rewind().map_err(io)?;
    Ok(true)
}

/// Decodes within `limits` and turns the pixels upright. The header's dimensions are read and
/// checked first, so an absurd size is refused before the decoder reserves anything.
fn decode<R: std::io::BufRead + Seek>(
    mut reader: R,
    format: ImageFormat,
    limits: &ImageLimits,
) -> Result<DynamicImage, ImageProblem> {
    let mut header = ImageReader::with_format(&mut reader, format);
    header.no_limits();
    let (width, height) = header.into_dimensions().map_err(from_image_error)?;
    if width > limits.max_width || height > limits.max_height {
        return Err(ImageProblem::TooLarge { width, height });
    }
    if width == 0 || height == 0 {
        return Err(corrupt("no pixels"));
    }
    reader
        .rewind()
        .map_err(|e| ImageProblem::Io(e.to_string()))?;
    let mut image_limits = image::Limits::default();
    image_limits.max_image_width = Some(limits.max_width);
    image_limits.max_image_height = Some(limits.max_height);
    image_limits.max_alloc = Some(limits.max_alloc);
    let mut r = ImageReader::with_format(reader, format);
    r.limits(image_limits);
    let mut decoder = r.into_decoder().map_err(from_image_error)?;
    if decoder.total_bytes() > limits.max_alloc {
        return Err(ImageProblem::TooManyPixels);
    }
    // A broken EXIF block only loses the rotation, never the image.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(from_image_error)?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// Whether any pixel is not fully opaque (a declared alpha channel is not enough).
fn has_transparency(image: &DynamicImage) -> bool {
    image.color().has_alpha() && image.to_rgba8().pixels().any(|p| p.0[3] != 255)
}

fn jpeg(image: &DynamicImage, quality: u8) -> Result<Encoded, ImageProblem> {
    let mut bytes = Vec::new();
    let rgb = image.to_rgb8();
    JpegEncoder::new_with_quality(&mut bytes, quality)
        .write_image(
            rgb.as_raw(),
            rgb.width(),
            rgb.height(),
            image::ExtendedColorType::Rgb8,
        )
        .map_err(corrupt)?;
    Ok(Encoded {
        bytes,
        content_type: "image/jpeg",
        ext: "jpg",
    })
}

fn png(image: &DynamicImage) -> Result<Encoded, ImageProblem> {
    let mut bytes = Vec::new();
    let encoder =
        PngEncoder::new_with_quality(&mut bytes, CompressionType::Default, PngFilter::Adaptive);
    if has_transparency(image) {
        let rgba = image.to_rgba8();
        encoder.write_image(
            rgba.as_raw(),
            rgba.width(),
            rgba.height(),
            image::ExtendedColorType::Rgba8,
        )
    } else {
        let rgb = image.to_rgb8();
        encoder.write_image(
            rgb.as_raw(),
            rgb.width(),
            rgb.height(),
            image::ExtendedColorType::Rgb8,
        )
    }
    .map_err(corrupt)?;
    Ok(Encoded {
        bytes,
        content_type: "image/png",
        ext: "png",
    })
}

fn webp(image: &DynamicImage) -> Result<Encoded, ImageProblem> {
    let mut bytes = Vec::new();
    let rgba = image.to_rgba8();
    let transparent = rgba.pixels().any(|p| p.0[3] != 255);
    let encoder = WebPEncoder::new_lossless(&mut bytes);
    if transparent {
        encoder.encode(
            rgba.as_raw(),
            rgba.width(),
            rgba.height(),
            image::ExtendedColorType::Rgba8,
        )
    } else {
        let rgb = image.to_rgb8();
        encoder.encode(
            rgb.as_raw(),
            rgb.width(),
            rgb.height(),
            image::ExtendedColorType::Rgb8,
        )
    }
    .map_err(corrupt)?;
    Ok(Encoded {
        bytes,
        content_type: "image/webp",
        ext: "webp",
    })
}

/// The variants narrower than `image`, narrowest first. Each is resized from the next wider
/// one (at most 3× smaller each step), which keeps Lanczos quality at a fraction of the time.
fn variants(image: &DynamicImage) -> Result<Vec<(u32, Encoded)>, ImageProblem> {
    let alpha = has_transparency(image);
    let mut out = Vec::new();
    let mut source: Option<DynamicImage> = None;
    for &w in VARIANT_WIDTHS.iter().rev() {
        if w >= image.width() {
            continue;
        }
        let from = source.as_ref().unwrap_or(image);
        let h = ((u64::from(image.height()) * u64::from(w) + u64::from(image.width()) / 2)
            / u64::from(image.width()))
        .max(1) as u32;
        let small = from.resize_exact(w, h, FilterType::Lanczos3);
        let fallback = if alpha {
            png(&small)?
        } else {
            jpeg(&small, VARIANT_QUALITY)?
        };
        let lossless = webp(&small)?;
        if lossless.bytes.len() < fallback.bytes.len() {
            out.push((w, lossless));
        }
        out.push((w, fallback));
        source = Some(small);
    }
    out.reverse();
    // Narrowest first, and within a width the fallback first.
    out.sort_by_key(|(w, e)| (*w, e.content_type == "image/webp"));
    Ok(out)
}

/// A GIF written again from its frames' palette indices: no metadata, animation kept.
fn rewrite_gif<R: Read>(reader: R, limits: &ImageLimits) -> Result<Encoded, ImageProblem> {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::Indexed);
    options.check_frame_consistency(true);
    let frame_bytes = limits.max_alloc.min(u64::from(u32::MAX));
    if let Some(limit) = std::num::NonZeroU64::new(frame_bytes) {
        options.set_memory_limit(gif::MemoryLimit::Bytes(limit));
    }
    let mut decoder = options.read_info(reader).map_err(gif_error)?;
    let (width, height) = (decoder.width(), decoder.height());
    if u32::from(width) > limits.max_width || u32::from(height) > limits.max_height {
        return Err(ImageProblem::TooLarge {
            width: width.into(),
            height: height.into(),
        });
    }
    let palette = decoder.global_palette().unwrap_or(&[]).to_vec();
    let repeat = decoder.repeat();
    let mut bytes = Vec::new();
    {
        let mut encoder =
            gif::Encoder::new(&mut bytes, width, height, &palette).map_err(corrupt)?;
        if repeat != gif::Repeat::Finite(0) {
            encoder.set_repeat(repeat).map_err(corrupt)?;
        }
        let mut pixels: u64 = 0;
        let mut frames = 0;
        while let Some(frame) = decoder.read_next_frame().map_err(gif_error)? {
            pixels += u64::from(frame.width) * u64::from(frame.height);
            if pixels > limits.max_gif_pixels {
                return Err(ImageProblem::TooManyPixels);
            }
            encoder.write_frame(frame).map_err(corrupt)?;
            frames += 1;
        }
        if frames == 0 {
            return Err(corrupt("a GIF without frames"));
        }
    }
    Ok(Encoded {
        bytes,
        content_type: "image/gif",
        ext: "gif",
    })
}

fn gif_error(e: gif::DecodingError) -> ImageProblem {
    match e {
        gif::DecodingError::Io(e) if e.kind() != std::io::ErrorKind::UnexpectedEof => {
            ImageProblem::Io(e.to_string())
        }
        other if other.to_string().contains("memory limit") => ImageProblem::TooManyPixels,
        other => corrupt(other),
    }
}

//! MP4 and M4A metadata removed in place: a phone's video carries where it was shot in
//! `moov/udta` (`©xyz`) or `moov/meta` (Apple's `com.apple.quicktime.location.ISO6709`), and
//! an M4A its tags there too. Each `udta` and `meta` box of the movie and of its tracks, and a
//! top-level `meta` or XMP `uuid` box, becomes a `free` box of the same size with its contents
//! zeroed: nothing moves, so every offset into the media data stays right and the file plays
//! as before. Only box headers are read (no demuxing); a box that does not fit the file ends
//! the walk.

use std::io::{self, Read, Seek, SeekFrom, Write};

/// The XMP box of ISO base media files (`uuid` BE7ACFCB-97A9-42E8-9C71-999491E3AFAC).
const XMP_UUID: [u8; 16] = [
    0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC,
];

/// A box: where it starts, its header's length, its whole size and its type.
struct BoxHeader {
    start: u64,
    header: u64,
    size: u64,
    kind: [u8; 4],
}

fn read_header<F: Read + Seek>(f: &mut F, start: u64, end: u64) -> io::Result<Option<BoxHeader>> {
    if end.saturating_sub(start) < 8 {
        return Ok(None);
    }
    f.seek(SeekFrom::Start(start))?;
    let mut h = [0u8; 8];
    f.read_exact(&mut h)?;
    let small = u64::from(u32::from_be_bytes([h[0], h[1], h[2], h[3]]));
    let kind = [h[4], h[5], h[6], h[7]];
    let (header, size) = match small {
        0 => (8, end - start),
        1 => {
            let mut large = [0u8; 8];
            f.read_exact(&mut large)?;
            (16, u64::from_be_bytes(large))
        }
        n => (8, n),
    };
    if size < header || start + size > end {
        return Ok(None);
    }
    Ok(Some(BoxHeader {
        start,
        header,
        size,
        kind,
    }))
}

/// Turns box `b` into a `free` box of zeros.
fn blank<F: Write + Seek>(f: &mut F, b: &BoxHeader) -> io::Result<()> {
    f.seek(SeekFrom::Start(b.start + 4))?;
    f.write_all(b"free")?;
    f.seek(SeekFrom::Start(b.start + b.header))?;
    let zeros = [0u8; 64 * 1024];
    let mut left = b.size - b.header;
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        f.write_all(&zeros[..n])?;
        left -= n as u64;
    }
    Ok(())
}

/// The boxes directly inside `start..end`.
fn children<F: Read + Seek>(f: &mut F, start: u64, end: u64) -> io::Result<Vec<BoxHeader>> {
    let mut out = Vec::new();
    let mut at = start;
    while let Some(b) = read_header(f, at, end)? {
        at = b.start + b.size;
        out.push(b);
        if at >= end {
            break;
        }
    }
    Ok(out)
}

/// Blanks the metadata boxes of the MP4 or M4A file `f` of `len` bytes; how many.
pub fn strip_metadata<F: Read + Write + Seek>(f: &mut F, len: u64) -> io::Result<usize> {
    let mut blanked = 0;
    for top in children(f, 0, len)? {
        match &top.kind {
            b"moov" => {
                for child in children(f, top.start + top.header, top.start + top.size)? {
                    match &child.kind {
                        b"udta" | b"meta" => {
                            blank(f, &child)?;
                            blanked += 1;
                        }
                        b"trak" => {
                            let inside = child.start + child.header;
                            for t in children(f, inside, child.start + child.size)? {
                                if matches!(&t.kind, b"udta" | b"meta") {
                                    blank(f, &t)?;
                                    blanked += 1;
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            b"meta" => {
                blank(f, &top)?;
                blanked += 1;
            }
            b"uuid" if top.size >= top.header + 16 => {
                let mut id = [0u8; 16];
                f.seek(SeekFrom::Start(top.start + top.header))?;
                f.read_exact(&mut id)?;
                if id == XMP_UUID {
                    blank(f, &top)?;
                    blanked += 1;
                }
            }
            _ => {}
        }
    }
    f.flush()?;
    Ok(blanked)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn boxed(kind: &[u8; 4], payload: &[u8]) -> Vec<u8> {
        let mut b = ((payload.len() + 8) as u32).to_be_bytes().to_vec();
        b.extend_from_slice(kind);
        b.extend_from_slice(payload);
        b
    }

    /// A small MP4 with its location in `moov/udta/©xyz` and in a track's `udta`.
    pub(crate) fn phone_video() -> Vec<u8> {
        let xyz = boxed(b"\xA9xyz", b"\x00\x12\x15\xC7+10.7769+106.7009/");
        let udta = boxed(b"udta", &xyz);
        let track = boxed(b"trak", &[boxed(b"tkhd", &[0; 84]), udta.clone()].concat());
        let moov = boxed(b"moov", &[boxed(b"mvhd", &[0; 100]), udta, track].concat());
        [
            boxed(b"ftyp", b"isom\0\0\x02\0isommp41"),
            moov,
            boxed(b"mdat", &[7u8; 1000]),
        ]
        .concat()
    }

    #[test]
    fn the_location_goes_and_nothing_moves() {
        let video = phone_video();
        let mut f = io::Cursor::new(video.clone());
        assert_eq!(strip_metadata(&mut f, video.len() as u64).unwrap(), 2);
        let out = f.into_inner();
        assert_eq!(out.len(), video.len());
        let has = |b: &[u8], n: &[u8]| b.windows(n.len()).any(|w| w == n);
        assert!(has(&video, b"+10.7769"));
        assert!(!has(&out, b"+10.7769"));
        assert!(!has(&out, b"udta"));
        // The media data and the boxes around it are where they were.
        assert_eq!(&out[out.len() - 1008..], &video[video.len() - 1008..]);
        assert_eq!(&out[..24], &video[..24]);
    }

    #[test]
    fn apple_location_keys_go_too() {
        let udta = boxed(b"udta", &boxed(b"\xA9xyz", b"+10.7769+106.7009/"));
        let keys = boxed(
            b"meta",
            b"\0\0\0\0com.apple.quicktime.location.ISO6709+10.7769/",
        );
        let track = boxed(b"trak", &[boxed(b"tkhd", &[0; 84]), udta.clone()].concat());
        let moov = boxed(
            b"moov",
            &[boxed(b"mvhd", &[0; 100]), udta, keys, track].concat(),
        );
        let video = [boxed(b"ftyp", b"isom\0\0\x02\0isommp41"), moov].concat();
        let mut f = io::Cursor::new(video.clone());
        assert_eq!(strip_metadata(&mut f, video.len() as u64).unwrap(), 3);
        let out = f.into_inner();
        assert!(!out.windows(8).any(|w| w == b"+10.7769"));
    }

    #[test]
    fn a_broken_box_ends_the_walk() {
        let mut bad = b"\0\0\0\x18ftypisom\0\0\x02\0isommp41".to_vec();
        bad.extend_from_slice(b"\xFF\xFF\xFF\xF0moov");
        let len = bad.len() as u64;
        assert_eq!(strip_metadata(&mut io::Cursor::new(bad), len).unwrap(), 0);
    }
}

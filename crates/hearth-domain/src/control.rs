//! Who a campaign holds back: each member of its segment is in the control group or not by a
//! hash of the member and the campaign's seed alone, so the same seed and share draw the same
//! group again whatever the members' order, and a member who joins later moves nobody else.

/// One step of SplitMix64: a well-mixed 64-bit value from any 64-bit input.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Whether `person` is held back under `seed` when `share_permille` thousandths of a segment are.
pub fn is_control(person: u32, seed: u64, share_permille: u16) -> bool {
    let draw = mix(seed ^ mix(u64::from(person)));
    // Scaled to 0..1000 by multiplying, not by a remainder: each value is equally likely to
    // within 1 in 10^16.
    ((u128::from(draw) * 1000) >> 64) < u128::from(share_permille)
}

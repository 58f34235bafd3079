/**
 * What the Go heap holds for the objects the incidents pile up, as `runtime.MemStats.HeapAlloc`
 * counts them: every small object rounded up to its size class.
 *
 * @see https://github.com/golang/go/blob/go1.19.8/src/runtime/sizeclasses.go (class_to_size)
 */

/**
 * `class_to_size` for classes 1..67: the same table in go1.19.8, go1.25.12 and go1.27.3 (from Go
 * 1.25 it lives in internal/runtime/gc/sizeclasses.go as `SizeClassToSize`).
 */
const SIZE_CLASSES = [
  8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352,
  384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304,
  2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880,
  12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768,
] as const;

const PAGE_SIZE = 8192;

/** The bytes `mallocgc` really takes for an object of `size` bytes. */
export function allocBytes(size: number): number {
  if (size <= 0) return 0;
  for (const c of SIZE_CLASSES) if (size <= c) return c;
  // Large objects get whole pages.
  return Math.ceil(size / PAGE_SIZE) * PAGE_SIZE;
}

/** `runtime.g` is 392 bytes on linux/amd64 (go-facts B4), in the 416-byte class. */
export const G_STRUCT_BYTES = allocBytes(392);

/** `runtime.sudog` (88 bytes): one per goroutine parked on a channel. */
export const SUDOG_BYTES = allocBytes(88);

/**
 * `time.AfterFunc` allocates a `*time.Timer` (its channel field plus the 72-byte runtimeTimer of
 * Go 1.19: 80 bytes).
 */
export const AFTERFUNC_TIMER_BYTES = allocBytes(80);

/** One slot of a P's timer heap slice (`[]*timer`). */
export const TIMER_SLOT_BYTES = 8;

/** The slice's capacity after growing to hold `n` entries, approximated by a power of two. */
export function timerSliceBytes(n: number): number {
  if (n === 0) return 0;
  return 2 ** Math.ceil(Math.log2(n)) * TIMER_SLOT_BYTES;
}

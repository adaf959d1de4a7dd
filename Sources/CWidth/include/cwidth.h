#ifndef HEED_CWIDTH_H
#define HEED_CWIDTH_H
#include <stdint.h>

/// Display cells of one Unicode scalar by libc's wcwidth under C.UTF-8, whatever the process
/// locale: the same measure ncursesw lays text out by. -1 for non-printing scalars.
int heed_wcwidth(uint32_t scalar);

#endif

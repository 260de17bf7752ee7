// Hunspell's C API (libhunspell-dev): Hunspell_create, Hunspell_spell, Hunspell_suggest.
// The include path and the library (-lhunspell-1.7) come from pkg-config "hunspell".
#include <hunspell.h>

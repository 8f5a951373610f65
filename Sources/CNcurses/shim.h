#ifndef MARGINSCOPE_CNCURSES_SHIM_H
#define MARGINSCOPE_CNCURSES_SHIM_H
// SwiftPM drops the -D_XOPEN_SOURCE flags of ncursesw's pkg-config file; without
// this define the wide-character API (get_wch, cchar_t, setcchar) is not declared.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>
#endif

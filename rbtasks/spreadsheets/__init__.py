"""Spreadsheets: importing rencana aksi sheets (.xlsx, .csv) and exporting item lists."""

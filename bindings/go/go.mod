module nomen

go 1.19

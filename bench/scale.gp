# bench/scale.gp: section 8 of bench/run, time against size. gnuplot -e "tsv='...'; out='...'; delay='N'"
set terminal svg size 960,420 dynamic font "sans,11"
set output out
set termoption noenhanced
set datafile separator "\t"
set datafile commentschars "#"
set multiplot layout 1,2 title sprintf("pgctl bench: time against database size, S3 %s ms away", delay)
set xlabel "database size (GB)"
set ylabel "seconds"
set key top left
set grid
set yrange [0:*]
set xrange [0:*]
set title "full backup"
plot tsv using ($1/1024):2 with linespoints title "pgBackRest defaults", \
     tsv using ($1/1024):3 with linespoints title "this image", \
     tsv using ($1/1024):4 with linespoints title "raw limit (read, PUT)"
set title "restore on an empty volume until promoted (RTO)"
plot tsv using ($1/1024):5 with linespoints title "pgBackRest defaults", \
     tsv using ($1/1024):6 with linespoints title "this image", \
     tsv using ($1/1024):7 with linespoints title "raw restore + pg_ctl start"
unset multiplot

-- An unterminated string runs to the end of the text.
print "before";
print "unterminated;

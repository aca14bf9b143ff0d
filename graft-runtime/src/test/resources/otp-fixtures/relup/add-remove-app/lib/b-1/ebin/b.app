{application,b,
             [{description,"A Graft relup fixture"},
              {vsn,"1"},
              {modules,['b.B1','b.B2']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.

{application,b,
             [{description,"A Graft relup fixture"},
              {vsn,"1"},
              {modules,['b.B']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
